package dev.berth.server.config;

import dev.berth.server.RegistryServer;
import dev.berth.server.debug.Operations;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A registry started from a configuration: its server and what it runs with (maintenance
 * tasks, operations, the storage driver). Closing stops the maintenance tasks, then the server
 * (letting requests in flight finish), then the rest, each whatever the others do.
 */
public final class AssembledRegistry implements AutoCloseable {

    private final RegistryServer server;
    private final Operations operations;
    private final List<AutoCloseable> closingOrder;

    /** {@code closingOrder}: everything to close, the server and {@code operations} among it, first to last. */
    AssembledRegistry(RegistryServer server, Operations operations, List<AutoCloseable> closingOrder) {
        this.server = Objects.requireNonNull(server, "server");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.closingOrder = List.copyOf(closingOrder);
    }

    public RegistryServer server() {
        return server;
    }

    /** Metrics, health checks, notifications and the debug server of this registry. */
    public Operations operations() {
        return operations;
    }

    public URI baseUri() {
        return server.baseUri();
    }

    @Override
    public void close() {
        RuntimeException failure = closeAll(closingOrder, null);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Closes each resource in order, whatever the others do. With a {@code primary} failure the
     * others are added to it as suppressed; otherwise the first is returned, the rest suppressed.
     */
    static RuntimeException closeAll(List<AutoCloseable> resources, Exception primary) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (failure == null) {
                    failure = new IllegalStateException("stopping the registry: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
