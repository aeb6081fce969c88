package dev.berth.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.berth.auth.keys.KeyIds;
import dev.berth.auth.keys.KeyPairs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens a registry must refuse as invalid, each made the way an attacker would: with
 * the trusted key but wrong claims, with another key, or not as a JWT at all.
 */
final class ForgedTokens {

    private ForgedTokens() {
    }

    /** Name of the attack to the token; {@code access} grants everything on the repository. */
    static Map<String, String> all(KeyPairs.SigningPair trusted, String issuer, String service, Instant now,
                                   String repository) throws Exception {
        KeyPairs.SigningPair stranger = KeyPairs.generate(KeyPairs.Kind.RSA_2048, "stranger", Duration.ofDays(1),
                Clock.systemUTC());
        String kid = KeyIds.libtrust(trusted.keyPair().getPublic());
        Map<String, String> tokens = new LinkedHashMap<>();
        JWTClaimsSet good = claims(issuer, service, now, repository).build();
        RSASSASigner trustedSigner = new RSASSASigner(trusted.keyPair().getPrivate());
        tokens.put("alg none", b64("{\"alg\":\"none\"}") + "." + b64(good.toString()) + ".");
        tokens.put("HS256 with the certificate's public key", sign(new MACSigner(trusted.keyPair().getPublic().getEncoded()),
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid), good));
        tokens.put("expired", sign(trustedSigner, rs256(kid),
                claims(issuer, service, now, repository).expirationTime(Date.from(now.minusSeconds(120))).build()));
        tokens.put("not yet valid", sign(trustedSigner, rs256(kid),
                claims(issuer, service, now, repository).notBeforeTime(Date.from(now.plusSeconds(600))).build()));
        tokens.put("wrong issuer", sign(trustedSigner, rs256(kid),
                claims("evil", service, now, repository).build()));
        tokens.put("wrong audience", sign(trustedSigner, rs256(kid),
                claims(issuer, "other-registry", now, repository).build()));
        tokens.put("unknown kid", sign(new RSASSASigner(stranger.keyPair().getPrivate()),
                rs256(KeyIds.libtrust(stranger.keyPair().getPublic())), good));
        tokens.put("x5c of another CA", sign(new RSASSASigner(stranger.keyPair().getPrivate()),
                new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertChain(
                        List.of(Base64.encode(stranger.certificate().getEncoded()))), good));
        String valid = sign(trustedSigner, rs256(kid), claims(issuer, service, now, "other/repo").build());
        String[] parts = valid.split("\\.");
        tokens.put("tampered payload", parts[0] + "." + b64(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8).replace("other/repo", repository)) + "." + parts[2]);
        tokens.put("oversized header", sign(trustedSigner, rs256(kid).customParam("pad", "x".repeat(10_000)), good));
        tokens.put("malformed base64", parts[0] + ".%%%." + parts[2]);
        return tokens;
    }

    static JWTClaimsSet.Builder claims(String issuer, String audience, Instant now, String repository) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("mallory")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("access", List.of(
                        Map.of("type", "repository", "name", repository, "actions", List.of("*")),
                        Map.of("type", "registry", "name", "catalog", "actions", List.of("*"))));
    }

    private static JWSHeader.Builder rs256(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid);
    }

    private static String sign(JWSSigner signer, JWSHeader.Builder header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String b64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
