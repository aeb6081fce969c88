package dev.berth.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.ErrorCode;
import dev.berth.api.MediaType;
import dev.berth.api.RegistryException;
import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.Registry;
import dev.berth.api.store.Repository;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The online promise: a collection running in a loop beside many clients that push images
 * sharing layers, reuse blobs they find already there (as docker does after a HEAD), and
 * abandon images of their own, never breaks an image whose push succeeded.
 */
class OnlineCollectionTest {

    private static final int CLIENTS = 6;
    private static final int IMAGES_PER_CLIENT = 25;
    private static final int SHARED_LAYERS = 8;

    private final Registry registry = StorageRegistry.builder(new InMemoryDriver()).build();
    private final Images images = new Images(registry);

    @Test
    void everyImagePushedWhileCollectionsRunPullsCompletely() throws Exception {
        // A grace period far shorter than the test, so old garbage really is collected under the clients' feet.
        GcOptions options = GcOptions.builder().removeUntagged(true).gracePeriod(Duration.ofMillis(50))
                .parallelism(4).build();
        GarbageCollector collector = new GarbageCollector(registry);
        Map<String, List<Manifest>> pushed = new ConcurrentHashMap<>();
        AtomicBoolean pushing = new AtomicBoolean(true);
        AtomicInteger collections = new AtomicInteger();
        AtomicInteger deletedBlobs = new AtomicInteger();
        CountDownLatch firstCollection = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
        try {
            Future<?> gc = threads.submit(() -> {
                // Until the pushes are over and a collection has deleted garbage: on a quiet
                // machine the pushes may finish before the abandoned layers are past the grace period.
                while (pushing.get() || collections.get() < 2 || deletedBlobs.get() == 0) {
                    GcReport report = collector.collect(options);
                    deletedBlobs.addAndGet(report.deletedBlobs().size());
                    collections.incrementAndGet();
                    firstCollection.countDown();
                }
                return null;
            });
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(threads.submit(() -> {
                    firstCollection.await();
                    pushed.put("client" + client, pushImages(client));
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
            pushing.set(false);
            gc.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(collections.get()).isGreaterThanOrEqualTo(2);
        assertThat(deletedBlobs.get()).as("the collections must have found garbage to delete").isPositive();
        for (var entry : pushed.entrySet()) {
            for (Manifest image : entry.getValue()) {
                assertThat(images.pulls(repositoryOf(entry.getKey()), image))
                        .as("%s of %s pulls", image.digest(), entry.getKey()).isTrue();
            }
        }
        long keptPerClient = IntStream.range(0, IMAGES_PER_CLIENT).filter(i -> i % 3 != 2).count();
        assertThat(pushed.values().stream().mapToInt(List::size).sum()).isEqualTo(CLIENTS * keptPerClient);
    }

    private static String repositoryOf(String client) {
        return "team/" + client;
    }

    /**
     * Pushes images as a registry client does: each blob is reused when the repository already
     * has it (HEAD), uploaded otherwise; then the manifest, then the tag. Every third image is
     * abandoned (untagged) right away, leaving garbage whose layers later images reuse. A push the registry refuses because a blob
     * vanished between the check and the manifest is retried, as a client would.
     */
    private List<Manifest> pushImages(int client) {
        String repository = repositoryOf("client" + client);
        Repository repo = images.repo(repository);
        List<Manifest> kept = new ArrayList<>();
        for (int i = 0; i < IMAGES_PER_CLIENT; i++) {
            String shared = "shared-" + ((client + i) % SHARED_LAYERS);
            String own = "client " + client + " image " + i;
            // After an abandoned image, reuse its own layer: garbage a collection may be deleting right now.
            String reused = i % 3 == 0 && i > 0 ? "client " + client + " image " + (i - 1) : shared;
            Manifest manifest = pushWithRetry(repo, repository, shared, own, reused);
            Tag tag = Tag.parse("v" + i);
            repo.tags().tag(tag, manifest.digest());
            if (i % 3 == 2) {
                repo.tags().untag(tag);
            } else {
                kept.add(manifest);
            }
        }
        return kept;
    }

    private Manifest pushWithRetry(Repository repo, String repository, String... layerContents) {
        for (int attempt = 0; ; attempt++) {
            try {
                Descriptor config = images.blob(repository, "config of " + layerContents[1], MediaType.OCI_CONFIG);
                List<Descriptor> layers = new ArrayList<>();
                for (String content : layerContents) {
                    layers.add(reuseOrUpload(repo, repository, content));
                }
                return images.manifest(repository, null, config, layers, null);
            } catch (RegistryException e) {
                if (e.code() != ErrorCode.MANIFEST_BLOB_UNKNOWN || attempt > 20) {
                    throw e;
                }
            }
        }
    }

    /** As docker does: HEAD the blob in the repository, upload it only when the registry says it is not there. */
    private Descriptor reuseOrUpload(Repository repo, String repository, String layer) {
        Digest digest = Digest.sha256(layer.getBytes(StandardCharsets.UTF_8));
        return repo.blobs().stat(digest)
                .map(info -> Descriptor.of(MediaType.OCI_LAYER_GZIP, digest, info.size()))
                .orElseGet(() -> images.layer(repository, layer));
    }
}
