package dev.berth.gc;

import dev.berth.api.Digest;
import dev.berth.api.RegistryException;
import dev.berth.api.store.BlobInfo;
import dev.berth.api.store.Registry;
import dev.berth.gc.GcProgress.Phase;
import dev.berth.gc.GcReport.DeletedBlob;
import dev.berth.gc.GcReport.DeletedManifest;
import dev.berth.gc.GcReport.LayerLink;
import dev.berth.gc.internal.Progress;
import dev.berth.gc.internal.Workers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Function;

/**
 * The delete phase, in the order that keeps every intermediate state readable: manifest
 * revisions first (so no manifest ever points at a deleted blob), then blobs, then the layer
 * links of the blobs that went (online, links first: see {@link CollectionRun}). Something
 * already gone, or found in use at the last moment, counts as not deleted.
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
        return delete(manifests, m -> {
            registry.repository(m.repository()).manifests().delete(m.digest());
            return true;
        });
    }

    /**
     * Online: deletes the revisions unless a client tagged one since the mark (the store's
     * delete would take the new tag with it); what a skipped revision references is kept by the
     * second look at the registry that follows.
     */
    List<DeletedManifest> untaggedManifests(List<DeletedManifest> manifests) throws InterruptedException {
        return delete(manifests, m -> {
            var repository = registry.repository(m.repository());
            if (!repository.tags().tagsOf(m.digest()).isEmpty()) {
                return false;
            }
            repository.manifests().delete(m.digest());
            return true;
        });
    }

    /** Online: puts back the links of blobs a push referenced after they were unlinked; returns the links still removed. */
    List<LayerLink> relink(List<LayerLink> removed, Set<Digest> rescued) throws InterruptedException {
        List<LayerLink> back = removed.stream().filter(l -> rescued.contains(l.digest())).toList();
        workers.map(back, l -> registry.repository(l.repository()).uploads().mount(l.digest(), Optional.empty()));
        return removed.stream().filter(l -> !rescued.contains(l.digest())).toList();
    }

    /** Online: deletes each blob unless it was written again (uploaded anew) since the cutoff. */
    List<DeletedBlob> blobsStillOlderThan(List<DeletedBlob> blobs, Instant cutoff) throws InterruptedException {
        return delete(blobs, b -> {
            Optional<BlobInfo> info = registry.blobs().stat(b.digest());
            if (info.isEmpty() || info.get().modifiedAt().isAfter(cutoff)) {
                return false;
            }
            registry.blobs().delete(b.digest());
            return true;
        });
    }

    List<DeletedBlob> blobs(List<DeletedBlob> blobs) throws InterruptedException {
        return delete(blobs, b -> {
            registry.blobs().delete(b.digest());
            return true;
        });
    }

    List<LayerLink> links(List<LayerLink> links) throws InterruptedException {
        return delete(links, l -> {
            registry.repository(l.repository()).blobs().delete(l.digest());
            return true;
        });
    }

    private <T> List<T> delete(List<T> items, Predicate<T> deletion) throws InterruptedException {
        CollectionRun.checkInterrupted();
        Progress deleting = new Progress(listener, Phase.DELETE, startNanos, items.size());
        Function<T, Optional<T>> attempt = item -> {
            try {
                return deletion.test(item) ? Optional.of(item) : Optional.<T>empty();
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
