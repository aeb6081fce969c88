package dev.berth.storage.s3;

import dev.berth.storage.driver.StorageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Pushes and pulls one large blob through the s3 driver against S3Proxy (on disk, in this JVM)
 * the way the registry does: a streamed upload, the move into {@code blobs/}, a streamed read,
 * SHA-256 on both sides. A benchmark, not a test: run it with a small heap to show the driver
 * streams, e.g.
 *
 * <pre>
 * java -Xmx256m -cp "$(cat cp.txt):target/classes:target/test-classes" dev.berth.storage.s3.S3Throughput 1024 10
 * </pre>
 *
 * Arguments: size in MiB (default 1024), chunksize in MiB (default 10).
 */
public final class S3Throughput {

    private S3Throughput() {
    }

    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        long chunk = (args.length > 1 ? Long.parseLong(args[1]) : 10) << 20;
        Path directory = Files.createTempDirectory("berth-s3-throughput");
        try (S3ProxyServer server = S3ProxyServer.onDisk(directory);
                S3Driver driver = S3Driver.create(server.configForNewBucket().chunkSize(chunk).build())) {
            String upload = "/docker/registry/v2/repositories/bench/_uploads/u1/data";
            String blob = "/docker/registry/v2/blobs/sha256/00/0000/data";

            long start = System.nanoTime();
            String pushed = push(driver, upload, size);
            double pushSeconds = seconds(start);
            start = System.nanoTime();
            driver.move(upload, blob);
            double moveSeconds = seconds(start);
            start = System.nanoTime();
            String pulled = pull(driver, blob);
            double pullSeconds = seconds(start);

            System.out.printf("size %d MiB, chunksize %d MiB, heap limit %d MiB, heap peak %d MiB%n",
                    size >> 20, chunk >> 20, Runtime.getRuntime().maxMemory() >> 20, heapPeak() >> 20);
            System.out.printf("push %.1f MB/s (%.1f s), move %.1f s, pull %.1f MB/s (%.1f s), digests %s%n",
                    size / 1e6 / pushSeconds, pushSeconds, moveSeconds, size / 1e6 / pullSeconds, pullSeconds,
                    pushed.equals(pulled) ? "match" : "DIFFER " + pushed + " " + pulled);
            if (!pushed.equals(pulled)) {
                System.exit(1);
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Writes {@code size} bytes in 64 KiB writes, as an HTTP request body arrives: one random
     * block with a counter stamped in, so every block differs without paying for randomness.
     */
    private static String push(S3Driver driver, String path, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[64 << 10];
        new Random(1).nextBytes(block);
        ByteBuffer stamp = ByteBuffer.wrap(block);
        try (StorageWriter writer = driver.writer(path, false)) {
            for (long left = size; left > 0; ) {
                stamp.putLong(0, left);
                int n = (int) Math.min(block.length, left);
                writer.write(block, 0, n);
                digest.update(block, 0, n);
                left -= n;
            }
            writer.commit();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String pull(S3Driver driver, String path) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 << 10];
        try (InputStream in = driver.reader(path, 0)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IOException("pull failed", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The most heap in use at any moment so far, over all heap pools. */
    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage.getUsed())
                .sum();
    }
}
