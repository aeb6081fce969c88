package dev.berth.gc.purge;

import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.driver.WalkVisitor;
import dev.berth.storage.layout.Layout;
import java.io.IOException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes abandoned uploads: those started longer ago than the configured age. A client that
 * resumes one afterwards gets {@code BLOB_UPLOAD_UNKNOWN} and starts over, as with distribution.
 *
 * <p>It works on the driver, as distribution's purger does, because the uploads that are most
 * often abandoned are the first push to a new repository: such a repository has only
 * {@code _uploads}, so no catalog lists it. The walk skips every other {@code _} directory, so
 * it does not descend into layers or manifests. An upload without a readable {@code startedat}
 * counts as started at the epoch: nothing will ever finish it.
 */
public final class UploadPurger {

    private static final Logger LOG = LoggerFactory.getLogger(UploadPurger.class);
    private static final String UPLOADS = "_uploads";

    private final StorageDriver driver;
    private final Clock clock;

    public UploadPurger(StorageDriver driver, Clock clock) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An upload that was (or in a dry run would be) purged. */
    public record PurgedUpload(RepositoryName repository, String id, Instant startedAt) {
    }

    /** Purges, in every repository, the uploads started before now minus {@code age}. */
    public List<PurgedUpload> purge(Duration age, boolean dryRun) {
        Instant threshold = clock.instant().minus(age);
        List<PurgedUpload> purged = new ArrayList<>();
        for (RepositoryName name : repositoriesWithUploads()) {
            for (String id : list(Layout.uploads(name))) {
                String base = StoragePaths.baseName(id);
                if (!Layout.isUploadId(base)) {
                    continue;
                }
                Instant startedAt = startedAt(name, base);
                if (startedAt.isBefore(threshold) && (dryRun || delete(Layout.upload(name, base)))) {
                    purged.add(new PurgedUpload(name, base, startedAt));
                }
            }
        }
        return purged;
    }

    private List<RepositoryName> repositoriesWithUploads() {
        String root = Layout.repositories();
        List<RepositoryName> found = new ArrayList<>();
        try {
            driver.walk(root, entry -> {
                if (!entry.isDirectory()) {
                    return WalkVisitor.Decision.CONTINUE;
                }
                String base = StoragePaths.baseName(entry.path());
                if (base.equals(UPLOADS)) {
                    String repository = StoragePaths.parent(entry.path()).substring(root.length() + 1);
                    if (RepositoryName.isValid(repository)) {
                        found.add(RepositoryName.parse(repository));
                    }
                }
                return base.startsWith("_") ? WalkVisitor.Decision.SKIP_DIRECTORY : WalkVisitor.Decision.CONTINUE;
            });
        } catch (PathNotFoundException empty) {
            return List.of();
        } catch (IOException e) {
            throw unavailable(e);
        }
        return found;
    }

    private Instant startedAt(RepositoryName name, String id) {
        try {
            return Layout.parseStartedAt(driver.getContent(Layout.uploadStartedAt(name, id))).orElse(Instant.EPOCH);
        } catch (PathNotFoundException e) {
            return Instant.EPOCH;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private List<String> list(String path) {
        try {
            return driver.list(path);
        } catch (PathNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private boolean delete(String path) {
        try {
            driver.delete(path);
            return true;
        } catch (PathNotFoundException finishedOrCancelledMeanwhile) {
            return false;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static RegistryException unavailable(IOException e) {
        return new RegistryException(ErrorCode.UNAVAILABLE, "storage failed while purging uploads", e.getMessage(),
                ErrorCode.UNAVAILABLE.httpStatus(), e);
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
