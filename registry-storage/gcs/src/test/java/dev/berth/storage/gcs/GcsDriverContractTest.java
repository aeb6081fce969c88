package dev.berth.storage.gcs;

import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverContract;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared driver contract over the loopback fake of the JSON API ({@link FakeGcsServer}), with
 * the smallest chunk GCS allows so that writes of a few hundred KiB already span several
 * resumable-upload requests. A pass proves the driver against the fake, not against GCS.
 */
class GcsDriverContractTest extends StorageDriverContract {

    private static FakeGcsServer fake;

    @BeforeAll
    static void startFake() throws IOException {
        fake = FakeGcsServer.start();
    }

    @AfterAll
    static void stopFake() throws IOException {
        fake.close();
    }

    @Override
    protected StorageDriver newDriver() {
        return new GcsDriver(fake.newBucket());
    }
}
