package dev.berth.auth.token;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.berth.auth.Scope;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a bearer token the way distribution does, in this order: shape and size, algorithm
 * allowlist, signing key (x5c chain, trusted jwk, or kid in any of its forms), signature, then
 * {@code iss}, {@code aud}, {@code exp}, {@code nbf} and the {@code access} claim. Each refusal
 * carries the sentence administrators search logs for.
 */
final class TokenVerifier {

    /** A token that is refused, with the reason to log (never shown to the client). */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What a valid token says. */
    record Verified(Optional<String> subject, List<Scope> access) {
    }

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    private final TokenAuthSettings settings;
    private final Set<JWSAlgorithm> algorithms;
    private final TrustedKeys keys;

    TokenVerifier(TokenAuthSettings settings, TrustedKeys keys) {
        this.settings = settings;
        this.algorithms = settings.acceptedAlgorithms();
        this.keys = keys;
    }

    Verified verify(String token) throws Rejected {
        JWSObject jws = parse(token);
        JWSAlgorithm algorithm = jws.getHeader().getAlgorithm();
        if (!algorithms.contains(algorithm)) {
            throw new Rejected("token signed with a signing algorithm that is not allowed: " + algorithm);
        }
        Set<String> critical = jws.getHeader().getCriticalParams();
        if (critical != null && !critical.isEmpty()) {
            throw new Rejected("token header marks parameters critical that are not understood: " + critical);
        }
        PublicKey key = signingKey(jws.getHeader());
        try {
            if (!Signatures.verify(jws, key)) {
                throw new Rejected("unable to verify token signature");
            }
        } catch (JOSEException e) {
            throw new Rejected("unable to verify token signature: " + e.getMessage());
        }
        return checkClaims(jws);
    }

    private JWSObject parse(String token) throws Rejected {
        if (token.length() > settings.maxTokenLength()) {
            throw new Rejected("malformed token: " + token.length() + " characters, more than the "
                    + settings.maxTokenLength() + " allowed");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Rejected("malformed token: " + parts.length + " parts instead of 3");
        }
        if (!BASE64URL.matcher(parts[0]).matches() || !BASE64URL.matcher(parts[1]).matches()) {
            throw new Rejected("malformed token: header or claims are not base64url");
        }
        if (parts[2].isEmpty()) {
            throw new Rejected("token has no signature");
        }
        if (!BASE64URL.matcher(parts[2]).matches()) {
            throw new Rejected("malformed token: signature is not base64url");
        }
        try {
            Header header = Header.parse(new Base64URL(parts[0]));
            if (!(header instanceof JWSHeader)) {
                throw new Rejected("token is not signed (alg " + header.getAlgorithm() + ")");
            }
            return new JWSObject(new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2]));
        } catch (ParseException e) {
            throw new Rejected("malformed token: " + e.getMessage());
        }
    }

    private PublicKey signingKey(JWSHeader header) throws Rejected {
        List<Base64> x5c = header.getX509CertChain();
        if (x5c != null && !x5c.isEmpty()) {
            return chainKey(x5c);
        }
        JWK jwk = header.getJWK();
        if (jwk != null) {
            return headerJwkKey(jwk);
        }
        String keyId = header.getKeyID();
        if (keyId != null && !keyId.isEmpty()) {
            return keys.byKeyId(keyId).orElseThrow(
                    () -> new Rejected("token signed by untrusted key with ID: \"" + keyId + "\""));
        }
        throw new Rejected("unable to get token signing key: no x5c, jwk or kid header");
    }

    private PublicKey chainKey(List<Base64> x5c) throws Rejected {
        List<X509Certificate> chain = new ArrayList<>();
        for (Base64 encoded : x5c) {
            X509Certificate certificate = X509CertUtils.parse(encoded.decode());
            if (certificate == null) {
                throw new Rejected("unable to parse x5c certificate");
            }
            chain.add(certificate);
        }
        try {
            return keys.verifyChain(chain, settings.clock().instant());
        } catch (GeneralSecurityException e) {
            throw new Rejected("unable to verify certificate chain: " + e.getMessage());
        }
    }

    /** A key the token brings along proves nothing unless it is one we already trust. */
    private PublicKey headerJwkKey(JWK jwk) throws Rejected {
        PublicKey key;
        try {
            key = TrustedKeys.toPublicKey(jwk);
        } catch (IllegalArgumentException e) {
            throw new Rejected("unable to decode raw JWK value: " + e.getMessage());
        }
        List<Base64> chain = jwk.getX509CertChain();
        if (chain != null && !chain.isEmpty()) {
            PublicKey leaf = chainKey(chain);
            if (!Arrays.equals(leaf.getEncoded(), key.getEncoded())) {
                throw new Rejected("leaf certificate public key ID does not match JWK key ID");
            }
            return key;
        }
        if (!keys.isTrusted(key)) {
            throw new Rejected("untrusted JWK with no certificate chain");
        }
        return key;
    }

    private Verified checkClaims(JWSObject jws) throws Rejected {
        JWTClaimsSet claims;
        try {
            claims = JWTClaimsSet.parse(jws.getPayload().toJSONObject());
        } catch (ParseException | RuntimeException e) {
            throw new Rejected("malformed token claims: " + e.getMessage());
        }
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw new Rejected("token from untrusted issuer: \"" + claims.getIssuer() + "\"");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(settings.service())) {
            throw new Rejected("token intended for another audience: " + audience);
        }
        Instant now = settings.clock().instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw new Rejected("token has no expiry (exp)");
        }
        Instant expiresWithLeeway = expires.toInstant().plus(settings.leeway());
        if (now.isAfter(expiresWithLeeway)) {
            throw new Rejected("token not to be used after " + expiresWithLeeway + " - currently " + now);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null) {
            Instant notBeforeWithLeeway = notBefore.toInstant().minus(settings.leeway());
            if (now.isBefore(notBeforeWithLeeway)) {
                throw new Rejected("token not to be used before " + notBeforeWithLeeway + " - currently " + now);
            }
        }
        List<Scope> access;
        try {
            access = AccessClaim.read(claims.getClaim(AccessClaim.NAME));
        } catch (IllegalArgumentException e) {
            throw new Rejected("malformed access claim: " + e.getMessage());
        }
        return new Verified(Optional.ofNullable(claims.getSubject()).filter(s -> !s.isEmpty()), access);
    }
}
