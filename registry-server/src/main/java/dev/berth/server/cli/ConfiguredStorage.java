package dev.berth.server.cli;

import dev.berth.server.config.ConfigException;
import dev.berth.server.config.RegistryConfig;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDrivers;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The storage a config.yml names, opened for a maintenance command (garbage-collect, cleanup,
 * usage) without starting a server: the driver, and the registry on it.
 */
record ConfiguredStorage(RegistryConfig config, StorageDriver driver, StorageRegistry registry) implements AutoCloseable {

    static ConfiguredStorage open(String configPath, Map<String, String> environment) throws IOException {
        RegistryConfig config;
        try {
            config = RegistryConfig.load(Path.of(configPath), environment);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + configPath + " does not exist", e);
        }
        StorageDriver driver = StorageDrivers.discover().create(config.storage().driver());
        // Schema 1 manifests are read whatever compatibility.schema1 says, as distribution's
        // collector reads them: they are in old stores, and nothing is pushed through this registry.
        StorageRegistry registry = StorageRegistry.builder(driver).schema1Enabled(true).build();
        return new ConfiguredStorage(config, driver, registry);
    }

    @Override
    public void close() throws IOException {
        driver.close();
    }
}
