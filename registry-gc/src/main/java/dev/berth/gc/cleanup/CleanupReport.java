package dev.berth.gc.cleanup;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The tags a cleanup removed, or in a dry run would remove. */
public record CleanupReport(boolean dryRun, List<RemovedTag> removed) {

    public CleanupReport {
        removed = List.copyOf(removed);
    }

    /** A tag, the manifest it pointed at, and when it was last written. */
    public record RemovedTag(RepositoryName repository, Tag tag, Digest digest, Instant updatedAt) {
        public RemovedTag {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }
}
