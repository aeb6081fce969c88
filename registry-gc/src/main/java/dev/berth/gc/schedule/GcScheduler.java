package dev.berth.gc.schedule;

import dev.berth.gc.GarbageCollector;
import dev.berth.gc.GcOptions;
import dev.berth.gc.GcReport;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the collector inside a serving registry on a {@link WeeklySchedule}, like the cron job in
 * GitLab's guide but without stopping the registry: the options must be online (a grace
 * period), which the constructor checks. Each run's report is logged; a failed run is logged and
 * the next one is scheduled all the same.
 */
public final class GcScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GcScheduler.class);

    private final GarbageCollector collector;
    private final GcOptions options;
    private final WeeklySchedule schedule;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final ZoneId zone;
    private final Consumer<GcReport> reports;
    private volatile ScheduledFuture<?> pending;
    private volatile boolean closed;

    public GcScheduler(GarbageCollector collector, GcOptions options, WeeklySchedule schedule,
            ScheduledExecutorService scheduler, Clock clock, ZoneId zone) {
        this(collector, options, schedule, scheduler, clock, zone, report -> { });
    }

    /** As above, also handing each finished run's report to {@code reports} (metrics, say). */
    public GcScheduler(GarbageCollector collector, GcOptions options, WeeklySchedule schedule,
            ScheduledExecutorService scheduler, Clock clock, ZoneId zone, Consumer<GcReport> reports) {
        this.collector = Objects.requireNonNull(collector, "collector");
        this.options = Objects.requireNonNull(options, "options");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.reports = Objects.requireNonNull(reports, "reports");
        if (!options.online()) {
            throw new IllegalArgumentException("a scheduled collection runs beside pushes and needs a grace period");
        }
    }

    /** Schedules the first run; returns when it will be. */
    public synchronized ZonedDateTime start() {
        return scheduleNext();
    }

    private synchronized ZonedDateTime scheduleNext() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        ZonedDateTime next = schedule.next(now);
        if (!closed) {
            long delay = Duration.between(now, next).toMillis();
            pending = scheduler.schedule(this::scheduledRun, delay, TimeUnit.MILLISECONDS);
            LOG.info("garbage collection scheduled ({}) for {}", schedule, next);
        }
        return next;
    }

    private void scheduledRun() {
        runNow();
        if (!Thread.currentThread().isInterrupted()) {
            scheduleNext();
        }
    }

    /** One collection now, logged; null when it failed or was interrupted (the log says why). */
    public GcReport runNow() {
        GcReport report = null;
        try {
            report = collector.collect(options);
            LOG.info("garbage collection{}: {} blobs marked, {} manifests kept; {} blobs ({} bytes), {} manifests"
                            + " and {} layer links {}; {} young blobs spared; took {} ms",
                    report.dryRun() ? " (dry run)" : "", report.markedBlobs(), report.markedManifests(),
                    report.deletedBlobs().size(), report.bytesFreed(), report.deletedManifests().size(),
                    report.deletedLayerLinks().size(), report.dryRun() ? "eligible" : "deleted",
                    report.sparedBlobs(), report.duration().toMillis());
            reports.accept(report);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("garbage collection interrupted");
        } catch (RuntimeException e) {
            LOG.warn("garbage collection failed; the next scheduled run goes ahead all the same", e);
        }
        return report;
    }

    /** Cancels the pending run; a run in progress is interrupted, which deletes nothing if it is still marking. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pending != null) {
            pending.cancel(true);
        }
    }
}
