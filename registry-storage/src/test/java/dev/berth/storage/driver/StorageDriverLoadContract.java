package dev.berth.storage.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The part of the driver contract that puts load on a driver: concurrent writers and one large
 * streamed write. See {@link StorageDriverContract}, the class drivers extend.
 */
public abstract class StorageDriverLoadContract {

    /** Bytes in the large write unless {@code berth.contract.largeBytes} says otherwise. */
    protected static final long DEFAULT_LARGE_BYTES = 64L * 1024 * 1024;
    private static final int THREADS = 8;

    protected abstract StorageDriver driver();

    /**
     * Whether the driver keeps content in this JVM's heap (the in-memory driver); the large
     * write is then capped at a quarter of the heap, as it cannot be bounded.
     */
    protected boolean keepsContentOnHeap() {
        return false;
    }

    @Test
    void concurrentWritersToDifferentPathsAllLand() throws Exception {
        List<Callable<byte[]>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                byte[] content = randomBytes(300_000 + thread, thread);
                try (StorageWriter writer = driver().writer("/concurrent/writer-" + thread + "/data", false)) {
                    for (int offset = 0; offset < content.length; offset += 7_000) {
                        writer.write(content, offset, Math.min(7_000, content.length - offset));
                    }
                    writer.commit();
                }
                return content;
            });
        }

        List<byte[]> written = Concurrently.run(tasks);

        for (int thread = 0; thread < THREADS; thread++) {
            assertThat(driver().getContent("/concurrent/writer-" + thread + "/data")).isEqualTo(written.get(thread));
        }
        assertThat(driver().list("/concurrent")).hasSize(THREADS);
    }

    @Test
    void concurrentReplacementsOfOneFileLeaveOneWholeVersion() throws Exception {
        List<Callable<byte[]>> tasks = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        for (int t = 0; t < THREADS; t++) {
            String version = ("version " + t + " ").repeat(1_000 + t * 100);
            versions.add(version);
            tasks.add(() -> {
                for (int round = 0; round < 20; round++) {
                    driver().putContent("/concurrent/link", version.getBytes(UTF_8));
                    String seen = new String(driver().getContent("/concurrent/link"), UTF_8);
                    assertThat(versions).contains(seen);
                }
                return null;
            });
        }

        Concurrently.run(tasks);

        assertThat(versions).contains(new String(driver().getContent("/concurrent/link"), UTF_8));
    }

    @Test
    void largeWriteStreamsThroughWithBoundedHeap() throws IOException {
        long size = Long.getLong("berth.contract.largeBytes", DEFAULT_LARGE_BYTES);
        if (keepsContentOnHeap()) {
            size = Math.min(size, Runtime.getRuntime().maxMemory() / 4);
        }
        byte[] chunk = randomBytes(1024 * 1024 + 3, 42);
        MessageDigest written = sha256();
        try (StorageWriter writer = driver().writer("/large/blob/data", false)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                chunk[0]++; // every chunk differs, so misplaced chunks change the digest
                writer.write(chunk, 0, n);
                written.update(chunk, 0, n);
                left -= n;
            }
            writer.commit();
        }

        MessageDigest read = sha256();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = driver().reader("/large/blob/data", 0)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                read.update(buffer, 0, n);
                total += n;
            }
        }

        assertThat(total).isEqualTo(size);
        assertThat(driver().stat("/large/blob/data").size()).isEqualTo(size);
        assertThat(read.digest()).isEqualTo(written.digest());
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
