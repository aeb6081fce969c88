package dev.berth.gc.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.store.Registry;
import dev.berth.gc.GarbageCollector;
import dev.berth.gc.GcOptions;
import dev.berth.gc.GcReport;
import dev.berth.gc.Images;
import dev.berth.gc.MutableClock;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GcSchedulerTest {

    /** A Wednesday. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final Registry registry = StorageRegistry.builder(new InMemoryDriver(clock)).clock(clock).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void firstRunIsScheduledForTheNextSundayAtFourOhFive() {
        try (GcScheduler gc = new GcScheduler(new GarbageCollector(registry), GcOptions.builder().clock(clock).build(),
                WeeklySchedule.parse("5 4 * * 0"), scheduler, clock, ZoneOffset.UTC)) {
            assertThat(gc.start()).isEqualTo(ZonedDateTime.of(2026, 11, 29, 4, 5, 0, 0, ZoneOffset.UTC));
        }
    }

    @Test
    void aRunCollectsOnlineAndReturnsItsReport() {
        new Images(registry).layer("app", "an upload nobody referenced");
        clock.advance(Duration.ofHours(2));
        try (GcScheduler gc = new GcScheduler(new GarbageCollector(registry),
                GcOptions.builder().clock(clock).removeUntagged(true).build(),
                WeeklySchedule.parse("Sunday 04:05"), scheduler, clock, ZoneOffset.UTC)) {
            GcReport report = gc.runNow();
            assertThat(report.deletedBlobs()).hasSize(1);
        }
    }

    @Test
    void scheduledCollectionWithoutGracePeriodIsRefused() {
        GarbageCollector collector = new GarbageCollector(registry);
        GcOptions offline = GcOptions.builder().offline().build();
        WeeklySchedule sunday = WeeklySchedule.parse("Sunday 04:05");
        assertThatThrownBy(() -> new GcScheduler(collector, offline, sunday, scheduler, clock, ZoneOffset.UTC))
                .hasMessageContaining("grace period");
    }
}
