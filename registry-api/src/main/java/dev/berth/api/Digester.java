package dev.berth.api;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Computes a {@link Digest} and counts bytes as content streams past. Not thread-safe; one
 * per stream.
 */
public final class Digester {

    private final DigestAlgorithm algorithm;
    private final MessageDigest messageDigest;
    private long size;

    private Digester(DigestAlgorithm algorithm, MessageDigest messageDigest, long size) {
        this.algorithm = algorithm;
        this.messageDigest = messageDigest;
        this.size = size;
    }

    public static Digester create(DigestAlgorithm algorithm) {
        return new Digester(algorithm, algorithm.newMessageDigest(), 0);
    }

    public DigestAlgorithm algorithm() {
        return algorithm;
    }

    public void update(byte[] bytes, int offset, int length) {
        messageDigest.update(bytes, offset, length);
        size += length;
    }

    /** Reads {@code in} to its end, digesting everything; returns the number of bytes read. */
    public long consume(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            update(buffer, 0, n);
            total += n;
        }
        return total;
    }

    /** Bytes digested so far. */
    public long size() {
        return size;
    }

    /** The digest of the bytes so far; the digester can go on afterwards. */
    public Digest digest() {
        try {
            MessageDigest copy = (MessageDigest) messageDigest.clone();
            return new Digest(algorithm, HexFormat.of().formatHex(copy.digest()));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + algorithm + " digests are cloneable", e);
        }
    }

    /** An independent digester in the same state: to fork a running hash, as a resumable upload does. */
    public Digester copy() {
        try {
            return new Digester(algorithm, (MessageDigest) messageDigest.clone(), size);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + algorithm + " digests are cloneable", e);
        }
    }
}
