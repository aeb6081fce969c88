package dev.berth.server.config;

import dev.berth.api.store.Registry;
import dev.berth.gc.GarbageCollector;
import dev.berth.gc.GcOptions;
import dev.berth.gc.GcReport;
import dev.berth.gc.purge.UploadPurgeOptions;
import dev.berth.gc.purge.UploadPurger;
import dev.berth.gc.schedule.GcScheduler;
import dev.berth.gc.schedule.WeeklySchedule;
import dev.berth.storage.driver.StorageDriver;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The background work a serving registry does on its storage: distribution's upload purging
 * ({@code storage.maintenance.uploadpurging}) and, when the embedder asks for it, an online
 * garbage collection on a weekly schedule. One daemon thread runs both; closing stops them (a
 * collection still marking is interrupted and deletes nothing).
 */
final class MaintenanceTasks implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final Optional<GcScheduler> gc;

    private MaintenanceTasks(ScheduledExecutorService scheduler, Optional<GcScheduler> gc) {
        this.scheduler = scheduler;
        this.gc = gc;
    }

    /** A scheduled collection: when, and with which (online) options. */
    record ScheduledGc(WeeklySchedule schedule, GcOptions options, ZoneId zone) {
    }

    /**
     * Starts the tasks. The first purge runs after {@code jitterMinutes} (distribution waits a
     * random 0-59 minutes, so that nodes started together do not purge together).
     */
    static MaintenanceTasks start(StorageDriver driver, Registry registry, StorageConfig.UploadPurging purging,
            Optional<ScheduledGc> scheduledGc, Clock clock, Consumer<GcReport> reports, LongSupplier jitterMinutes) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "berth-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        if (purging.enabled()) {
            new UploadPurger(driver, clock).schedule(scheduler,
                    new UploadPurgeOptions(true, purging.age(), purging.interval(), purging.dryRun()),
                    jitterMinutes);
        }
        Optional<GcScheduler> gc = scheduledGc.map(s -> new GcScheduler(new GarbageCollector(registry),
                s.options(), s.schedule(), scheduler, clock, s.zone(), reports));
        gc.ifPresent(GcScheduler::start);
        return new MaintenanceTasks(scheduler, gc);
    }

    @Override
    public void close() {
        gc.ifPresent(GcScheduler::close);
        scheduler.shutdownNow();
    }
}
