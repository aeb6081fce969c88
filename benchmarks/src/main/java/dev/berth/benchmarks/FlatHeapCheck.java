package dev.berth.benchmarks;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.Digester;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.Repository;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.filesystem.FilesystemDriver;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Pushes one large generated blob (default 2 GiB) through the store to the filesystem and
 * reports the peak heap: run with {@code -Xmx64m} to see that a blob's size does not reach the
 * heap. Arguments: {@code [size in MiB] [directory]}.
 */
public final class FlatHeapCheck {

    private FlatHeapCheck() {
    }

    public static void main(String[] args) throws IOException {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 2048) * 1024 * 1024;
        Path parent = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
        Path root = Files.createTempDirectory(parent, "berth-heap");
        try {
            Digest expected = digestOf(new GeneratedStream(size));
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();

            Repository repository = StorageRegistry.builder(new FilesystemDriver(root)).build()
                    .repository(RepositoryName.parse("heap/check"));
            BlobUpload upload = repository.uploads().start();
            upload.append(new GeneratedStream(size), 0);
            Descriptor blob = upload.commit(expected, OptionalLong.of(size));

            double seconds = (System.nanoTime() - start) / 1e9;
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed())
                    .sum();
            System.out.printf("blob %s, %d MiB in %.1f s (%.0f MiB/s); max heap %d MiB; peak heap used (sum of pool peaks) %d MiB%n",
                    blob.digest(), size >> 20, seconds, (size >> 20) / seconds,
                    Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20);
        } finally {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static Digest digestOf(InputStream in) throws IOException {
        Digester digester = Digester.create(DigestAlgorithm.SHA256);
        digester.consume(in);
        return digester.digest();
    }

    /** Deterministic pseudo-random bytes, generated as read: a request body that was never in memory. */
    private static final class GeneratedStream extends InputStream {

        private final SplittableRandom random = new SplittableRandom(7);
        private long remaining;

        GeneratedStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            for (int i = 0; i < n; i += 8) {
                long value = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) {
                    buffer[offset + i + j] = (byte) (value >>> (j * 8));
                }
            }
            remaining -= n;
            return n;
        }
    }
}
