package dev.berth.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** The digest algorithms the OCI image spec registers. */
public enum DigestAlgorithm {
    SHA256("sha256", "SHA-256", 64),
    SHA512("sha512", "SHA-512", 128);

    private final String id;
    private final String jcaName;
    private final int hexLength;

    DigestAlgorithm(String id, String jcaName, int hexLength) {
        this.id = id;
        this.jcaName = jcaName;
        this.hexLength = hexLength;
    }

    /** The name in a digest string: {@code sha256}. */
    public String id() {
        return id;
    }

    public int hexLength() {
        return hexLength;
    }

    public static Optional<DigestAlgorithm> forId(String id) {
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.id.equals(id)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
