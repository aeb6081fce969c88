package dev.berth.auth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 public keys between their raw 32 bytes (JWK {@code x}) and the JDK's X.509 form.
 * Nimbus converts OKP keys only with Google Tink on the class path; the JDK has had Ed25519
 * since 15, so the conversion is a fixed DER prefix.
 */
public final class Ed25519Keys {

    /** SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 bytes) }: RFC 8410. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int KEY_LENGTH = 32;

    private Ed25519Keys() {
    }

    /** Whether {@code key} is an Ed25519 public key. */
    public static boolean isEd25519(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return encoded != null && encoded.length == SPKI_PREFIX.length + KEY_LENGTH
                && Arrays.equals(encoded, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length);
    }

    /** The 32 raw bytes of an Ed25519 public key. */
    public static byte[] rawPublicKey(PublicKey key) {
        if (!isEd25519(key)) {
            throw new IllegalArgumentException("unsupported key type: " + key.getAlgorithm());
        }
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, SPKI_PREFIX.length, encoded.length);
    }

    /** The JDK public key for 32 raw bytes. */
    public static PublicKey fromRaw(byte[] raw) {
        if (raw.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 key has 32 bytes, not " + raw.length);
        }
        byte[] encoded = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_LENGTH);
        System.arraycopy(raw, 0, encoded, SPKI_PREFIX.length, KEY_LENGTH);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid Ed25519 key", e);
        }
    }
}
