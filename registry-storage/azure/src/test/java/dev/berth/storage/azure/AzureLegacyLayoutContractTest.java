package dev.berth.storage.azure;

import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract again in the legacy layout (leading slash) under a root directory: the prefix must not leak. */
class AzureLegacyLayoutContractTest extends StorageDriverContract {

    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    @Override
    protected StorageDriver newDriver() {
        return AZURITE.driver(AZURITE.newContainer().withRootDirectory("/registry/root", true));
    }
}
