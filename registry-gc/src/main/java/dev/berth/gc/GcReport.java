package dev.berth.gc;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a collection did, or in a dry run would have done.
 *
 * @param dryRun           whether anything was deleted
 * @param markedBlobs      distinct digests marked: kept manifests and everything they reference
 *                         (distribution's "N blobs marked")
 * @param markedManifests  manifest revisions kept, counted per repository
 * @param deletedBlobs     blobs deleted (eligible, in a dry run), with their sizes
 * @param deletedManifests manifest revisions deleted (eligible, in a dry run)
 * @param deletedLayerLinks repository {@code _layers} links removed with their blobs
 * @param sparedBlobs      unreferenced blobs kept because they are younger than the grace period
 * @param duration         wall time of the whole run
 */
public record GcReport(
        boolean dryRun,
        long markedBlobs,
        long markedManifests,
        List<DeletedBlob> deletedBlobs,
        List<DeletedManifest> deletedManifests,
        List<LayerLink> deletedLayerLinks,
        long sparedBlobs,
        Duration duration) {

    public GcReport {
        deletedBlobs = List.copyOf(deletedBlobs);
        deletedManifests = List.copyOf(deletedManifests);
        deletedLayerLinks = List.copyOf(deletedLayerLinks);
        Objects.requireNonNull(duration, "duration");
    }

    /** Bytes the deleted blobs held (manifests are blobs too, so they are counted here). */
    public long bytesFreed() {
        return deletedBlobs.stream().mapToLong(DeletedBlob::size).sum();
    }

    /** A blob, by digest, and how many bytes it held. */
    public record DeletedBlob(Digest digest, long size) {
        public DeletedBlob {
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** A manifest revision of a repository, with the size of its content. */
    public record DeletedManifest(RepositoryName repository, Digest digest, long size) {
        public DeletedManifest {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** A repository's link to a blob. */
    public record LayerLink(RepositoryName repository, Digest digest) {
        public LayerLink {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(digest, "digest");
        }
    }
}
