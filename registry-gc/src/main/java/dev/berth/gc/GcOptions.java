package dev.berth.gc;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a collection may do. A destructive operation is an explicit value: nothing is deleted
 * unless {@code dryRun} is false, and untagged manifests only go with {@code removeUntagged}.
 *
 * @param dryRun         report what would be deleted, delete nothing
 * @param removeUntagged also delete manifests no tag reaches (distribution's {@code -m})
 * @param gracePeriod    a blob or manifest younger than this is never deleted: what makes a
 *                       collection safe while the registry accepts pushes. {@link Duration#ZERO}
 *                       for an offline run (registry stopped or read-only), as distribution does
 * @param parallelism    how many storage calls run at once while marking and sweeping
 * @param listener       told of each repository's marking and of progress; never null
 * @param clock          what "younger than the grace period" is measured against
 */
public record GcOptions(
        boolean dryRun,
        boolean removeUntagged,
        Duration gracePeriod,
        int parallelism,
        GcListener listener,
        Clock clock) {

    /** The grace period of an online run when none is given: an hour, far longer than any push. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(1);

    public GcOptions {
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(clock, "clock");
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must not be negative: " + gracePeriod);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
    }

    /** Whether a grace period protects young content, i.e. the run is safe beside pushes. */
    public boolean online() {
        return !gracePeriod.isZero();
    }

    /** Online defaults: no dry run, keep untagged manifests, an hour's grace, 8 storage calls at once. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().dryRun(dryRun).removeUntagged(removeUntagged).gracePeriod(gracePeriod)
                .parallelism(parallelism).listener(listener).clock(clock);
    }

    /** Builds {@link GcOptions}. */
    public static final class Builder {
        private boolean dryRun;
        private boolean removeUntagged;
        private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
        private int parallelism = 8;
        private GcListener listener = GcListener.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public Builder removeUntagged(boolean value) {
            this.removeUntagged = value;
            return this;
        }

        public Builder gracePeriod(Duration value) {
            this.gracePeriod = value;
            return this;
        }

        /** No grace period: only for a registry that is stopped or read-only, like distribution's command. */
        public Builder offline() {
            return gracePeriod(Duration.ZERO);
        }

        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        public Builder listener(GcListener value) {
            this.listener = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public GcOptions build() {
            return new GcOptions(dryRun, removeUntagged, gracePeriod, parallelism, listener, clock);
        }
    }
}
