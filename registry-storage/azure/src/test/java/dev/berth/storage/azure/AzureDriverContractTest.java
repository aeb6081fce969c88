package dev.berth.storage.azure;

import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared driver contract against Azurite, a fresh container per test. */
class AzureDriverContractTest extends StorageDriverContract {

    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    @Override
    protected StorageDriver newDriver() {
        return AZURITE.newDriver();
    }
}
