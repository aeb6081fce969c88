package dev.berth.auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * The key IDs token issuers put in a JWT's {@code kid} header.
 *
 * <ul>
 *   <li>{@link #libtrust}: docker/libtrust's fingerprint, what GitLab and distribution 2.x sign
 *       with: SHA-256 of the DER SubjectPublicKeyInfo, the first 240 bits in base32 without
 *       padding (48 characters), in 12 groups of 4 joined by {@code :}.</li>
 *   <li>{@link #thumbprint}: the RFC 7638 JWK thumbprint (SHA-256, base64url), what
 *       distribution 3 expects.</li>
 * </ul>
 */
public final class KeyIds {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    /** libtrust keeps 30 of SHA-256's 32 bytes: 240 bits, exactly 48 base32 characters. */
    private static final int LIBTRUST_BYTES = 30;

    private KeyIds() {
    }

    /** The libtrust fingerprint of {@code key}, e.g. {@code TOKE:NL6Q:7PW6:…}. */
    public static String libtrust(PublicKey key) {
        byte[] hash = Arrays.copyOf(sha256(key.getEncoded()), LIBTRUST_BYTES);
        String encoded = base32(hash);
        StringBuilder kid = new StringBuilder(encoded.length() + encoded.length() / 4);
        for (int i = 0; i < encoded.length(); i += 4) {
            if (i > 0) {
                kid.append(':');
            }
            kid.append(encoded, i, i + 4);
        }
        return kid.toString();
    }

    /** The RFC 7638 JWK SHA-256 thumbprint of {@code key}, base64url. */
    public static String thumbprint(PublicKey key) {
        try {
            return toJwk(key).computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot compute a thumbprint of a " + key.getAlgorithm() + " key", e);
        }
    }

    /** The public key as a JWK (RSA, EC or Ed25519), without a {@code kid}. */
    public static JWK toJwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new IllegalArgumentException("unsupported EC curve");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        byte[] raw = Ed25519Keys.rawPublicKey(key);
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).build();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** RFC 4648 base32 without padding; the JDK has none. */
    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
