package dev.berth.gc;

import dev.berth.api.Digest;
import dev.berth.api.RegistryException;
import dev.berth.api.store.Registry;
import dev.berth.gc.GcProgress.Phase;
import dev.berth.gc.GcReport.DeletedBlob;
import dev.berth.gc.GcReport.DeletedManifest;
import dev.berth.gc.GcReport.LayerLink;
import dev.berth.gc.internal.Progress;
import dev.berth.gc.internal.Workers;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The delete phase, in the order that keeps every intermediate state readable: manifest
 * revisions first (so no manifest ever points at a deleted blob), then blobs, then the layer
 * links of the blobs that went. Something already gone counts as not deleted by us.
 */
final class Sweep {

    private final Registry registry;
    private final Workers workers;
    private final GcListener listener;
    private final long startNanos;

    Sweep(Registry registry, Workers workers, GcListener listener, long startNanos) {
        this.registry = registry;
        this.workers = workers;
        this.listener = listener;
        this.startNanos = startNanos;
    }

    List<DeletedManifest> manifests(List<DeletedManifest> manifests) throws InterruptedException {
        return delete(manifests, m -> registry.repository(m.repository()).manifests().delete(m.digest()));
    }

    List<DeletedBlob> blobs(List<DeletedBlob> blobs) throws InterruptedException {
        return delete(blobs, b -> registry.blobs().delete(b.digest()));
    }

    List<LayerLink> links(List<LayerLink> links) throws InterruptedException {
        return delete(links, l -> registry.repository(l.repository()).blobs().delete(l.digest()));
    }

    private <T> List<T> delete(List<T> items, Consumer<T> deletion) throws InterruptedException {
        CollectionRun.checkInterrupted();
        Progress deleting = new Progress(listener, Phase.DELETE, startNanos, items.size());
        Function<T, Optional<T>> attempt = item -> {
            try {
                deletion.accept(item);
                return Optional.of(item);
            } catch (RegistryException e) {
                if (CollectionRun.isUnknown(e)) {
                    return Optional.empty();
                }
                throw e;
            } finally {
                deleting.step();
            }
        };
        List<T> deleted = workers.map(items, attempt).stream().flatMap(Optional::stream).toList();
        deleting.finish();
        return deleted;
    }

}
