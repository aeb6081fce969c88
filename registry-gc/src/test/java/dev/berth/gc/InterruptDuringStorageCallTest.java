package dev.berth.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.api.store.Registry;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.driver.ForwardingStorageDriver;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C while the mark waits on storage (the slow part on object storage): the collection
 * stops with {@link InterruptedException} and the store is exactly as it was.
 */
class InterruptDuringStorageCallTest {

    /** Blocks manifest reads, once armed, until the reading thread is interrupted. */
    private static final class StallingDriver extends ForwardingStorageDriver {
        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch stalled = new CountDownLatch(1);

        StallingDriver() {
            super(new InMemoryDriver());
        }

        @Override
        public byte[] getContent(String path) throws IOException {
            if (armed.get() && path.endsWith("/data")) {
                stalled.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading " + path);
                }
            }
            return super.getContent(path);
        }
    }

    @Test
    void interruptWhileMarkWaitsOnStorageDeletesNothing() throws Exception {
        StallingDriver driver = new StallingDriver();
        Registry registry = StorageRegistry.builder(driver).build();
        Images images = new Images(registry);
        images.image("app", "v1", "kept");
        images.image("app", null, "untagged");
        images.layer("app", "orphan");
        List<Digest> before = images.allBlobs();

        driver.armed.set(true);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread gc = new Thread(() -> {
            try {
                new GarbageCollector(registry).collect(GcOptions.builder().offline().removeUntagged(true).build());
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        gc.start();
        assertThat(driver.stalled.await(30, TimeUnit.SECONDS)).isTrue();
        gc.interrupt();
        gc.join(30_000);

        assertThat(gc.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        driver.armed.set(false);
        assertThat(images.allBlobs()).containsExactlyInAnyOrderElementsOf(before);
        try (var revisions = images.repo("app").manifests().digests()) {
            assertThat(revisions.count()).isEqualTo(2);
        }
    }
}
