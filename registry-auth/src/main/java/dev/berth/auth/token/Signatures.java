package dev.berth.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import dev.berth.auth.keys.Ed25519Keys;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

/**
 * Signature checks and signers by key type. The key type decides the verifier and the
 * algorithm must belong to that key's family, so a header can never steer an RSA or EC key
 * into another scheme (the classic HS256-with-the-public-key confusion has no path here).
 * Ed25519 goes through the JDK directly: Nimbus needs Google Tink for it.
 */
final class Signatures {

    static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    static final Set<JWSAlgorithm> EC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    static final Set<JWSAlgorithm> EDDSA = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private Signatures() {
    }

    /** Whether {@code key} signed {@code jws}; false for a key that cannot make this algorithm. */
    static boolean verify(JWSObject jws, PublicKey key) throws JOSEException {
        JWSAlgorithm algorithm = jws.getHeader().getAlgorithm();
        if (key instanceof RSAPublicKey rsa && RSA.contains(algorithm)) {
            return jws.verify(new RSASSAVerifier(rsa));
        }
        if (key instanceof ECPublicKey ec && EC.contains(algorithm)) {
            // ECDSAVerifier refuses an algorithm that does not fit the key's curve.
            return jws.verify(new ECDSAVerifier(ec));
        }
        if (Ed25519Keys.isEd25519(key) && EDDSA.contains(algorithm)) {
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initVerify(key);
                ed25519.update(jws.getSigningInput());
                return ed25519.verify(jws.getSignature().decode());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
        return false;
    }

    /** The algorithm an issuer signs with for this key: RS256, or ES256/384/512 by curve. */
    static JWSAlgorithm defaultAlgorithm(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return JWSAlgorithm.RS256;
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (Curve.P_256.equals(curve)) {
                return JWSAlgorithm.ES256;
            }
            if (Curve.P_384.equals(curve)) {
                return JWSAlgorithm.ES384;
            }
            if (Curve.P_521.equals(curve)) {
                return JWSAlgorithm.ES512;
            }
            throw new IllegalArgumentException("unsupported EC curve for signing: " + curve);
        }
        throw new IllegalArgumentException("tokens are signed with RSA or EC keys, not " + key.getAlgorithm());
    }

    static JWSSigner signer(PrivateKey key) throws JOSEException {
        if (key instanceof RSAPrivateKey rsa) {
            return new RSASSASigner(rsa);
        }
        if (key instanceof ECPrivateKey ec) {
            return new ECDSASigner(ec);
        }
        throw new IllegalArgumentException("tokens are signed with RSA or EC keys, not " + key.getAlgorithm());
    }
}
