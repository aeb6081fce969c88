package dev.berth.gc.purge;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code storage.maintenance.uploadpurging} of distribution's config: whether to purge, how old
 * an upload must be to count as abandoned, how often to look, and whether only to report.
 * Distribution's defaults: enabled, 168h, 24h, not a dry run.
 */
public record UploadPurgeOptions(boolean enabled, Duration age, Duration interval, boolean dryRun) {

    public static final UploadPurgeOptions DEFAULTS =
            new UploadPurgeOptions(true, Duration.ofHours(168), Duration.ofHours(24), false);

    public UploadPurgeOptions {
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(interval, "interval");
        if (age.isNegative()) {
            throw new IllegalArgumentException("upload purging age must not be negative: " + age);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("upload purging interval must be positive: " + interval);
        }
    }
}
