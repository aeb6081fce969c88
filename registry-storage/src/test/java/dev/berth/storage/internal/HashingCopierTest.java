package dev.berth.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.Digester;
import dev.berth.storage.driver.StorageWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every copy writes and hashes exactly its bytes, whether it runs on two threads or, with more
 * copies at once than the machine has cores, on the caller's alone.
 */
class HashingCopierTest {

    private static final int BUFFER = 1024;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HashingCopier copier = new HashingCopier(executor, BUFFER, 3);
    private final HashingCopier pipelining = new HashingCopier(executor, BUFFER, 3, Integer.MAX_VALUE);
    private final HashingCopier inline = new HashingCopier(executor, BUFFER, 3, 0);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void copiesOfEverySizeWriteAndHashTheirBytesOnEitherPath() throws IOException {
        for (HashingCopier each : List.of(pipelining, inline)) {
            for (int size : new int[] {0, 1, BUFFER - 1, BUFFER, BUFFER + 1, 3 * BUFFER, 10 * BUFFER + 7}) {
                byte[] content = content(size, size);
                MemoryWriter writer = new MemoryWriter();
                Digester digester = Digester.create(DigestAlgorithm.SHA256);

                assertThat(each.copy(new ByteArrayInputStream(content), writer, digester)).isEqualTo(size);
                assertThat(writer.bytes.toByteArray()).isEqualTo(content);
                assertThat(digester.digest()).isEqualTo(Digest.sha256(content));
            }
        }
    }

    @Test
    void moreCopiesAtOnceThanCoresAllComeOutWhole() throws Exception {
        int copies = 4 * Runtime.getRuntime().availableProcessors() + 2;
        CountDownLatch allStarted = new CountDownLatch(copies);
        ExecutorService callers = Executors.newFixedThreadPool(copies);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                byte[] content = content(20 * BUFFER + i, i);
                results.add(callers.submit(() -> {
                    MemoryWriter writer = new MemoryWriter();
                    Digester digester = Digester.create(DigestAlgorithm.SHA256);
                    // Every copy is past its first buffer before any goes on, so all run at once.
                    copier.copy(new GatedInput(content, allStarted), writer, digester);
                    return Arrays.equals(writer.bytes.toByteArray(), content)
                            && digester.digest().equals(Digest.sha256(content));
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFailingWriteFailsTheCopyOnEitherPath() {
        for (HashingCopier each : List.of(pipelining, inline)) {
            StorageWriter failing = new MemoryWriter() {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (size() > 2 * BUFFER) {
                        throw new IOException("disk full");
                    }
                    super.write(bytes, offset, length);
                }
            };
            assertThatThrownBy(() -> each.copy(new ByteArrayInputStream(content(8 * BUFFER, 1)), failing))
                    .isInstanceOf(IOException.class).hasMessage("disk full");
        }
    }

    private static byte[] content(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Content that holds back all but its first buffer until every copy has started. */
    private static final class GatedInput extends ByteArrayInputStream {
        private final CountDownLatch allStarted;
        private boolean counted;

        GatedInput(byte[] content, CountDownLatch allStarted) {
            super(content);
            this.allStarted = allStarted;
        }

        @Override
        public synchronized int read(byte[] bytes, int offset, int length) {
            if (pos >= BUFFER && !counted) {
                counted = true;
                allStarted.countDown();
                try {
                    allStarted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.read(bytes, offset, Math.min(length, BUFFER));
        }
    }

    private static class MemoryWriter implements StorageWriter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(byte[] content, int offset, int length) throws IOException {
            bytes.write(content, offset, length);
        }

        @Override
        public long size() {
            return bytes.size();
        }

        @Override
        public void commit() {
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
        }
    }
}
