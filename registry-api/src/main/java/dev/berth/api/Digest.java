package dev.berth.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A content digest: {@code sha256:} followed by 64 lower-case hex digits, or {@code sha512:}
 * and 128. Strict, as the registry must be: upper case, other algorithms and wrong lengths are
 * refused with {@link ErrorCode#DIGEST_INVALID}. {@link #toString()} is the canonical form.
 */
public record Digest(DigestAlgorithm algorithm, String hex) implements Reference {

    private static final boolean[] LOWER_HEX = new boolean[128];

    static {
        "0123456789abcdef".chars().forEach(c -> LOWER_HEX[c] = true);
    }

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != algorithm.hexLength() || !isLowerHex(hex)) {
            throw invalid(algorithm + ":" + hex);
        }
    }

    /** Parses {@code algorithm:hex}. */
    @JsonCreator
    public static Digest parse(String text) {
        if (text == null) {
            throw invalid(null);
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw invalid(text);
        }
        DigestAlgorithm algorithm = DigestAlgorithm.forId(text.substring(0, colon))
                .orElseThrow(() -> ErrorCode.DIGEST_INVALID.exception(
                        "unsupported digest algorithm", text));
        return new Digest(algorithm, text.substring(colon + 1));
    }

    /** Whether {@code text} is a digest {@link #parse} accepts. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (RegistryException e) {
            return false;
        }
    }

    /** The digest of {@code bytes}. */
    public static Digest of(DigestAlgorithm algorithm, byte[] bytes) {
        Digester digester = Digester.create(algorithm);
        digester.update(bytes, 0, bytes.length);
        return digester.digest();
    }

    /** The sha256 digest of {@code bytes}. */
    public static Digest sha256(byte[] bytes) {
        return of(DigestAlgorithm.SHA256, bytes);
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm.id() + ":" + hex;
    }

    /**
     * Written out rather than left to the record: the collector puts hundreds of thousands of
     * digests in hash sets, and the generated methods go through method handles that a
     * short-lived JVM (C1 only) never inlines. Same contract: equal components, equal digests.
     */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Digest that && algorithm == that.algorithm && hex.equals(that.hex);
    }

    /** The first eight hex digits: a digest's hex is uniformly distributed, so they are a full 32-bit hash already. */
    @Override
    public int hashCode() {
        int hash = 0;
        for (int i = 0; i < 8; i++) {
            char c = hex.charAt(i);
            hash = (hash << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return hash;
    }

    /**
     * Over the string's bytes through a table: the registry checks every digest it lists, and in
     * a short-lived JVM (C1 only) this is several times faster than {@code charAt} comparisons.
     * A character outside ISO-8859-1 becomes {@code ?}, which is not hex.
     */
    private static boolean isLowerHex(String hex) {
        for (byte b : hex.getBytes(StandardCharsets.ISO_8859_1)) {
            if (b < 0 || !LOWER_HEX[b]) {
                return false;
            }
        }
        return true;
    }

    private static RegistryException invalid(String text) {
        return ErrorCode.DIGEST_INVALID.exception("invalid digest", text);
    }
}
