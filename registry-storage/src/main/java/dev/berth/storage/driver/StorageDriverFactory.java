package dev.berth.storage.driver;

import java.io.IOException;

/**
 * Makes a driver from its {@code config.yml} section. Implementations are listed in
 * {@code META-INF/services/dev.berth.storage.driver.StorageDriverFactory} and found through
 * {@link StorageDrivers}, so adding a driver is adding a jar.
 */
public interface StorageDriverFactory {

    /** The section name in {@code config.yml}: {@code filesystem}, {@code inmemory}, {@code s3}, … */
    String name();

    StorageDriver create(DriverParameters parameters) throws IOException;
}
