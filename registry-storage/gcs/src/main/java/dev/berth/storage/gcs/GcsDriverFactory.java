package dev.berth.storage.gcs;

import dev.berth.storage.driver.DriverParameters;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes the {@code gcs} driver from {@code storage.gcs} in {@code config.yml}; found by ServiceLoader. */
public final class GcsDriverFactory implements StorageDriverFactory {

    private static final Logger LOG = LoggerFactory.getLogger(GcsDriverFactory.class);

    @Override
    public String name() {
        return GcsDriver.NAME;
    }

    @Override
    public StorageDriver create(DriverParameters parameters) {
        GcsSettings settings = GcsSettings.from(parameters);
        if (!parameters.unreadKeys().isEmpty()) {
            LOG.warn("storage.gcs: ignoring unknown parameters {}", parameters.unreadKeys());
        }
        return new GcsDriver(settings);
    }
}
