package dev.berth.server.metrics;

import java.time.Duration;

/**
 * Where a garbage-collection run reports what it did, so that the debug server's
 * {@code /metrics} shows it. The collector itself knows nothing of metrics: whoever runs it in
 * the server calls this with the run's report.
 */
@FunctionalInterface
public interface GcRecorder {

    /** Records nothing. */
    GcRecorder NONE = (dryRun, took, blobsDeleted, manifestsDeleted, bytesDeleted) -> { };

    /**
     * One finished run. On a dry run the counts are what would have been deleted; they are
     * recorded apart from real deletions.
     */
    void collected(boolean dryRun, Duration took, long blobsDeleted, long manifestsDeleted, long bytesDeleted);
}
