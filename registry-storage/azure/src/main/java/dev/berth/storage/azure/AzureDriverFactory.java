package dev.berth.storage.azure;

import dev.berth.storage.driver.DriverParameters;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverFactory;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes the {@code azure} driver from {@code storage.azure} in {@code config.yml}; found by ServiceLoader. */
public final class AzureDriverFactory implements StorageDriverFactory {

    private static final Logger LOG = LoggerFactory.getLogger(AzureDriverFactory.class);

    @Override
    public String name() {
        return AzureDriver.NAME;
    }

    @Override
    public StorageDriver create(DriverParameters parameters) {
        AzureSettings settings = AzureSettings.from(parameters);
        if (!parameters.unreadKeys().isEmpty()) {
            LOG.warn("storage.azure: ignoring unknown parameters {}", parameters.unreadKeys());
        }
        return new AzureDriver(settings, Clock.systemUTC());
    }
}
