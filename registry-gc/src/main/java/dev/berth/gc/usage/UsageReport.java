package dev.berth.gc.usage;

import dev.berth.api.RepositoryName;
import java.util.List;
import java.util.Objects;

/**
 * Where the bytes are: what GitLab's admin guide needs a Rails script for.
 *
 * @param repositories per repository, in catalog order
 * @param uniqueBytes  bytes of the distinct blobs some repository links (each blob counted once)
 * @param storedBytes  bytes of every blob in storage, including those no repository links
 *                     (what a garbage collection could still free)
 * @param blobs        distinct blobs some repository links
 */
public record UsageReport(List<RepositoryUsage> repositories, long uniqueBytes, long storedBytes, long blobs) {

    public UsageReport {
        repositories = List.copyOf(repositories);
    }

    /** Bytes the repositories would hold without sharing: the sum of their linked bytes. */
    public long linkedBytes() {
        return repositories.stream().mapToLong(RepositoryUsage::linkedBytes).sum();
    }

    /** How many times over shared blobs are used: linked bytes per unique byte (1 when nothing is shared). */
    public double dedupRatio() {
        return uniqueBytes == 0 ? 1.0 : (double) linkedBytes() / uniqueBytes;
    }

    /**
     * One repository.
     *
     * @param linkedBytes    bytes of every blob the repository links (layers, configs, manifests)
     * @param exclusiveBytes bytes of the blobs no other repository links: what deleting the
     *                       repository would free
     * @param blobs          how many blobs it links
     * @param manifests      how many manifest revisions it holds
     * @param tags           how many tags it has
     */
    public record RepositoryUsage(RepositoryName repository, long linkedBytes, long exclusiveBytes,
            long blobs, long manifests, long tags) {
        public RepositoryUsage {
            Objects.requireNonNull(repository, "repository");
        }
    }
}
