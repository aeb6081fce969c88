package dev.berth.gc.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.Registry;
import dev.berth.gc.MutableClock;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class UploadPurgerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryDriver driver = new InMemoryDriver(clock);
    private final Registry registry = StorageRegistry.builder(driver).clock(clock).build();
    private final UploadPurger purger = new UploadPurger(driver, clock);

    private BlobUpload startUpload(String repository) {
        BlobUpload upload = registry.repository(RepositoryName.parse(repository)).uploads().start();
        upload.append(new ByteArrayInputStream(new byte[] {1, 2, 3}), 0);
        return upload;
    }

    @Test
    void uploadsOlderThanTheAgeArePurgedAndYoungerOnesLeftAlone() {
        // The first push to a repository: it has nothing but the upload, so no catalog lists it.
        BlobUpload abandoned = startUpload("app");
        clock.advance(Duration.ofHours(170));
        BlobUpload recent = startUpload("app");

        List<UploadPurger.PurgedUpload> purged = purger.purge(Duration.ofHours(168), false);

        assertThat(purged).extracting(UploadPurger.PurgedUpload::id).containsExactly(abandoned.id());
        var uploads = registry.repository(RepositoryName.parse("app")).uploads();
        assertThatThrownBy(() -> uploads.resume(abandoned.id())).isInstanceOf(RegistryException.class);
        assertThat(uploads.resume(recent.id()).size()).isEqualTo(3);
    }

    @Test
    void dryRunListsAbandonedUploadsAndKeepsThem() {
        BlobUpload abandoned = startUpload("app");
        clock.advance(Duration.ofDays(8));

        List<UploadPurger.PurgedUpload> purged = purger.purge(Duration.ofHours(168), true);

        assertThat(purged).extracting(UploadPurger.PurgedUpload::id).containsExactly(abandoned.id());
        assertThat(registry.repository(RepositoryName.parse("app")).uploads().resume(abandoned.id()).size()).isEqualTo(3);
    }

    @Test
    void disabledPurgingSchedulesNothingAndOptionsRefuseAZeroInterval() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            var disabled = new UploadPurgeOptions(false, Duration.ofHours(168), Duration.ofHours(24), false);
            assertThat(purger.schedule(scheduler, disabled, () -> 0)).isEmpty();
            assertThat(purger.schedule(scheduler, UploadPurgeOptions.DEFAULTS, () -> 7)).isPresent();
        } finally {
            scheduler.shutdownNow();
        }
        assertThatThrownBy(() -> new UploadPurgeOptions(true, Duration.ofHours(1), Duration.ZERO, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
