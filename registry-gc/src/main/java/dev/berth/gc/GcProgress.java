package dev.berth.gc;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a collection has got: in {@code phase}, {@code done} items of {@code total} (0 when
 * not known yet), {@code elapsed} since the collection started.
 */
public record GcProgress(Phase phase, long done, long total, Duration elapsed) {

    /** The phases of a collection, in order. */
    public enum Phase {
        /** Listing repositories, revisions, tags and layer links. */
        LIST,
        /** Reading manifests to follow their references. */
        READ_MANIFESTS,
        /** Listing every blob and statting the unmarked ones. */
        SCAN_BLOBS,
        /** Deleting manifests, blobs and layer links. */
        DELETE
    }

    public GcProgress {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Items per second so far, 0 before a second has passed. */
    public double rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds < 1e-3 ? 0 : done / seconds;
    }
}
