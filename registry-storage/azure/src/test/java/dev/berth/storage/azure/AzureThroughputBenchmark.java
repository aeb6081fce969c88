package dev.berth.storage.azure;

import dev.berth.storage.driver.DriverThroughput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 1 GiB through the Azure driver against Azurite, each way. Not part of the build (the name
 * is outside Surefire's patterns); run it with a bounded heap:
 * {@code mvn -o -pl registry-storage/azure -am verify -Dtest=AzureThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx256m}.
 */
class AzureThroughputBenchmark {

    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    @Test
    void oneGibibyteThroughAzurite() throws Exception {
        for (int blockSize : new int[] {16 << 20, AzureSettings.DEFAULT_BLOCK_SIZE}) {
            AzureDriver driver = AZURITE.driver(AZURITE.newContainer().withBlockSize(blockSize));
            System.out.println("azure, " + (blockSize >> 20) + " MiB blocks: "
                    + DriverThroughput.measure(driver, "/throughput/data", DriverThroughput.configuredBytes()));
        }
    }
}
