package dev.berth.gc.purge;

import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobUploads;
import dev.berth.api.store.BlobUploads.UploadInfo;
import dev.berth.api.store.Registry;
import dev.berth.gc.internal.Listings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes abandoned uploads: those started longer ago than the configured age. A client that
 * resumes one afterwards gets {@code BLOB_UPLOAD_UNKNOWN} and starts over, as with distribution.
 */
public final class UploadPurger {

    private static final Logger LOG = LoggerFactory.getLogger(UploadPurger.class);

    private final Registry registry;
    private final Clock clock;

    public UploadPurger(Registry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An upload that was (or in a dry run would be) purged. */
    public record PurgedUpload(RepositoryName repository, String id, Instant startedAt) {
    }

    /** Purges, in every repository, the uploads started before now minus {@code age}. */
    public List<PurgedUpload> purge(Duration age, boolean dryRun) {
        Instant threshold = clock.instant().minus(age);
        List<PurgedUpload> purged = new ArrayList<>();
        for (RepositoryName name : Listings.repositories(registry)) {
            BlobUploads uploads = registry.repository(name).uploads();
            List<UploadInfo> old;
            try (Stream<UploadInfo> all = uploads.list()) {
                old = all.filter(u -> u.startedAt().isBefore(threshold)).toList();
            }
            for (UploadInfo upload : old) {
                if (dryRun || cancel(uploads, upload.id())) {
                    purged.add(new PurgedUpload(name, upload.id(), upload.startedAt()));
                }
            }
        }
        return purged;
    }

    private static boolean cancel(BlobUploads uploads, String id) {
        try {
            uploads.resume(id).cancel();
            return true;
        } catch (RegistryException finishedOrCancelledMeanwhile) {
            return false;
        }
    }

    /**
     * Purges every {@code interval} on {@code scheduler}, as distribution's registry does: the
     * first run after a random delay of up to an hour ({@code jitterMinutes} supplies it, so
     * nodes started together do not purge together), failures logged and retried next time.
     * Returns the schedule, to cancel on shutdown; empty, with nothing scheduled, when purging is
     * disabled.
     */
    public Optional<ScheduledFuture<?>> schedule(ScheduledExecutorService scheduler, UploadPurgeOptions options,
            LongSupplier jitterMinutes) {
        if (!options.enabled()) {
            LOG.info("upload purging is disabled");
            return Optional.empty();
        }
        long firstDelayMinutes = Math.floorMod(jitterMinutes.getAsLong(), 60);
        LOG.info("upload purging: first run in {} min, then every {}, removing uploads older than {}{}",
                firstDelayMinutes, options.interval(), options.age(), options.dryRun() ? " (dry run)" : "");
        return Optional.of(scheduler.scheduleWithFixedDelay(() -> runLogged(options),
                TimeUnit.MINUTES.toMillis(firstDelayMinutes), options.interval().toMillis(), TimeUnit.MILLISECONDS));
    }

    private void runLogged(UploadPurgeOptions options) {
        try {
            List<PurgedUpload> purged = purge(options.age(), options.dryRun());
            for (PurgedUpload upload : purged) {
                LOG.info("{} upload {} of {} started at {}", options.dryRun() ? "would purge" : "purged",
                        upload.id(), upload.repository(), upload.startedAt());
            }
            LOG.info("upload purging done: {} upload(s) {}", purged.size(), options.dryRun() ? "eligible" : "removed");
        } catch (RuntimeException e) {
            LOG.warn("upload purging failed, will retry at the next interval", e);
        }
    }
}
