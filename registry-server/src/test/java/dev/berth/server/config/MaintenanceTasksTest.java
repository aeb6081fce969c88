package dev.berth.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobUpload;
import dev.berth.gc.GcOptions;
import dev.berth.gc.GcReport;
import dev.berth.gc.schedule.WeeklySchedule;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.inmemory.InMemoryDriver;
import dev.berth.storage.layout.Layout;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MaintenanceTasksTest {

    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private final InMemoryDriver driver = new InMemoryDriver(Clock.fixed(start, ZoneOffset.UTC));
    private final StorageRegistry registry = StorageRegistry.builder(driver).clock(Clock.fixed(start, ZoneOffset.UTC)).build();

    private BlobUpload abandonedUpload() {
        BlobUpload upload = registry.repository(RepositoryName.parse("app")).uploads().start();
        upload.append(new ByteArrayInputStream(new byte[] {1}), 0);
        return upload;
    }

    private boolean exists(BlobUpload upload) throws Exception {
        try {
            driver.stat(Layout.upload(RepositoryName.parse("app"), upload.id()));
            return true;
        } catch (PathNotFoundException e) {
            return false;
        }
    }

    @Test
    void uploadPurgingFromConfigRemovesAbandonedUploadsInTheBackground() throws Exception {
        BlobUpload abandoned = abandonedUpload();
        Clock tenDaysLater = Clock.fixed(start.plus(Duration.ofDays(10)), ZoneOffset.UTC);
        StorageConfig.UploadPurging purging = StorageConfig.UploadPurging.DEFAULT;

        MaintenanceTasks tasks = MaintenanceTasks.start(driver, registry, purging, Optional.empty(), tenDaysLater,
                report -> { }, () -> 0);
        try {
            for (int i = 0; i < 500 && exists(abandoned); i++) {
                Thread.sleep(10);
            }
        } finally {
            tasks.close();
        }

        assertThat(exists(abandoned)).isFalse();
    }

    @Test
    void disabledPurgingLeavesUploadsAndAScheduledCollectionIsOnlyScheduled() throws Exception {
        BlobUpload abandoned = abandonedUpload();
        Clock tenDaysLater = Clock.fixed(start.plus(Duration.ofDays(10)), ZoneOffset.UTC);
        StorageConfig.UploadPurging off = new StorageConfig.UploadPurging(false, Duration.ZERO, Duration.ofHours(24), false);
        CopyOnWriteArrayList<GcReport> reports = new CopyOnWriteArrayList<>();
        var gc = new MaintenanceTasks.ScheduledGc(WeeklySchedule.parse("Sunday 04:05"),
                GcOptions.builder().clock(tenDaysLater).build(), ZoneOffset.UTC);

        MaintenanceTasks tasks = MaintenanceTasks.start(driver, registry, off, Optional.of(gc), tenDaysLater,
                reports::add, () -> 0);
        try {
            assertThat(exists(abandoned)).isTrue();
        } finally {
            tasks.close();
        }

        assertThat(reports).isEmpty();
        assertThat(exists(abandoned)).isTrue();
    }
}
