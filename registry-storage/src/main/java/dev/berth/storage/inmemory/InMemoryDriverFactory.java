package dev.berth.storage.inmemory;

import dev.berth.storage.driver.DriverParameters;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverFactory;

/** Makes the {@code inmemory} driver; it takes no parameters. */
public final class InMemoryDriverFactory implements StorageDriverFactory {

    @Override
    public String name() {
        return InMemoryDriver.NAME;
    }

    @Override
    public StorageDriver create(DriverParameters parameters) {
        return new InMemoryDriver();
    }
}
