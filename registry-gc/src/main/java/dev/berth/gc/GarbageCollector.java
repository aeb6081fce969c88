package dev.berth.gc;

import dev.berth.api.store.Registry;
import dev.berth.gc.internal.Workers;
import java.util.Objects;

/**
 * Mark and sweep over a {@link Registry}: works on every storage driver, because it only uses
 * the store interfaces.
 *
 * <p>Mark: the roots are every tag and, unless {@link GcOptions#removeUntagged()}, every
 * manifest revision; from a kept manifest the mark follows child manifests to any depth and
 * keeps referrers of kept manifests (see {@link Marker}). Sweep: blobs nothing marked, and with
 * {@code removeUntagged} the revisions no root reaches, and the layer links of deleted blobs.
 * Nothing is deleted before the mark is complete, so interrupting the calling thread during the
 * mark leaves the store exactly as it was.
 *
 * <p>Offline ({@link GcOptions.Builder#offline()}) it deletes what distribution 2.8's
 * {@code registry garbage-collect} deletes on the same storage, except the children of kept
 * indexes and the referrers of kept manifests, which distribution wrongly deletes with
 * {@code -m}. Online, a grace period on the age of blobs and manifests, plus a second look at
 * the registry right before deleting, let it run beside pushes.
 */
public final class GarbageCollector {

    private final Registry registry;

    public GarbageCollector(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Runs one collection.
     *
     * @throws InterruptedException when the calling thread is interrupted; if that happens
     *                              during the mark, nothing has been deleted
     * @throws dev.berth.api.RegistryException when storage fails or a manifest cannot be read;
     *                              a failure during the mark deletes nothing
     */
    public GcReport collect(GcOptions options) throws InterruptedException {
        Objects.requireNonNull(options, "options");
        try (Workers workers = new Workers(options.parallelism(), "berth-gc")) {
            return new CollectionRun(registry, options, workers).run();
        }
    }
}
