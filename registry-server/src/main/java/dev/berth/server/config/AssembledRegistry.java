package dev.berth.server.config;

import dev.berth.server.RegistryServer;
import dev.berth.storage.driver.StorageDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Objects;

/** A registry started from a configuration: its server and the storage driver it owns. Closing stops both. */
public final class AssembledRegistry implements AutoCloseable {

    private final RegistryServer server;
    private final StorageDriver driver;
    private final MaintenanceTasks maintenance;

    AssembledRegistry(RegistryServer server, StorageDriver driver, MaintenanceTasks maintenance) {
        this.server = Objects.requireNonNull(server, "server");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
    }

    public RegistryServer server() {
        return server;
    }

    public URI baseUri() {
        return server.baseUri();
    }

    /** Stops upload purging and scheduled collection, then the server (letting requests in flight finish), then releases the driver. */
    @Override
    public void close() {
        try {
            maintenance.close();
            server.close();
        } finally {
            try {
                driver.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing the " + driver.name() + " storage driver", e);
            }
        }
    }
}
