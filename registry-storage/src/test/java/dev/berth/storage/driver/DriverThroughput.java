package dev.berth.storage.driver;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;

/**
 * Streams a large file through a driver and back, timing each way: what the throughput notes
 * for the object-storage drivers are measured with. Benchmarks report; they never assert times.
 * Both directions are hashed, so a run that returns a result also proves the bytes came back.
 */
public final class DriverThroughput {

    /** Bytes per write call: the size the registry's copy buffers hand a writer. */
    private static final int CHUNK = 1 << 20;

    /** One run: bytes moved and the seconds each way took. */
    public record Result(long bytes, double writeSeconds, double readSeconds, long maxHeapBytes) {

        public double writeMegabytesPerSecond() {
            return bytes / 1e6 / writeSeconds;
        }

        public double readMegabytesPerSecond() {
            return bytes / 1e6 / readSeconds;
        }

        @Override
        public String toString() {
            return String.format("%d MiB: write %.1f s (%.1f MB/s), read %.1f s (%.1f MB/s), heap bound %d MiB",
                    bytes >> 20, writeSeconds, writeMegabytesPerSecond(), readSeconds, readMegabytesPerSecond(),
                    maxHeapBytes >> 20);
        }
    }

    private DriverThroughput() {
    }

    /** Bytes to move: {@code -Dberth.throughput.bytes}, else 1 GiB. */
    public static long configuredBytes() {
        return Long.getLong("berth.throughput.bytes", 1L << 30);
    }

    public static Result measure(StorageDriver driver, String path, long bytes) throws IOException {
        byte[] chunk = new byte[CHUNK];
        new Random(bytes).nextBytes(chunk);
        MessageDigest written = sha256();
        long start = System.nanoTime();
        try (StorageWriter writer = driver.writer(path, false)) {
            for (long left = bytes; left > 0; ) {
                int n = (int) Math.min(CHUNK, left);
                chunk[(int) (left % n)]++; // no two chunks alike
                writer.write(chunk, 0, n);
                written.update(chunk, 0, n);
                left -= n;
            }
            writer.commit();
        }
        long wrote = System.nanoTime();
        MessageDigest read = sha256();
        long total = 0;
        try (InputStream in = driver.reader(path, 0)) {
            for (int n; (n = in.read(chunk)) != -1; ) {
                read.update(chunk, 0, n);
                total += n;
            }
        }
        long done = System.nanoTime();
        if (total != bytes || !Arrays.equals(read.digest(), written.digest())) {
            throw new IOException("read back " + total + " bytes that differ from the " + bytes + " written");
        }
        return new Result(bytes, (wrote - start) / 1e9, (done - wrote) / 1e9, Runtime.getRuntime().maxMemory());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
