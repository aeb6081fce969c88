package dev.berth.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.berth.auth.Scope;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Hand-made JWTs for attack tests: any header, any claims, any key. */
final class Jwts {

    private Jwts() {
    }

    static JWTClaimsSet.Builder claims(String issuer, String audience, Instant now, List<Scope> access) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("alice")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID("test")
                .claim(AccessClaim.NAME, AccessClaim.write(access));
    }

    static String rs256(PrivateKey key, JWSHeader.Builder header, JWTClaimsSet claims) throws Exception {
        return sign(new RSASSASigner(key), header, claims);
    }

    static String hs256(byte[] secret, String keyId, JWTClaimsSet claims) throws Exception {
        return sign(new MACSigner(secret), new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keyId), claims);
    }

    static String sign(JWSSigner signer, JWSHeader.Builder header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** {@code base64url(header).base64url(payload).signature} from raw JSON, for malformed cases. */
    static String raw(String headerJson, String payloadJson, String signature) {
        return b64(headerJson) + "." + b64(payloadJson) + "." + signature;
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
