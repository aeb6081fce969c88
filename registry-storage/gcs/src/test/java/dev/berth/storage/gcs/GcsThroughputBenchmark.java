package dev.berth.storage.gcs;

import dev.berth.storage.driver.DriverThroughput;
import org.junit.jupiter.api.Test;

/**
 * 1 GiB through the GCS driver against the loopback fake ({@link FakeGcsServer}, content on
 * disk), each way: the driver's and SDK's own cost, not GCS's. Not part of the build; run with
 * {@code mvn -o -pl registry-storage/gcs -am verify -Dtest=GcsThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx256m}.
 */
class GcsThroughputBenchmark {

    @Test
    void oneGibibyteThroughTheFake() throws Exception {
        try (FakeGcsServer fake = FakeGcsServer.start()) {
            GcsDriver driver = new GcsDriver(GcsSettings.emulator(fake.endpoint(), "throughput"));
            System.out.println("gcs, " + (GcsSettings.DEFAULT_CHUNK_SIZE >> 20) + " MiB chunks: "
                    + DriverThroughput.measure(driver, "/throughput/data", DriverThroughput.configuredBytes()));
        }
    }
}
