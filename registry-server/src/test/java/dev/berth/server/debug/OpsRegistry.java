package dev.berth.server.debug;

import dev.berth.server.RegistryServer;
import dev.berth.server.config.RegistryConfig;
import dev.berth.server.conformance.TestClient;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.driver.StorageDriver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** A registry server with its operations side, assembled from config.yml text as the program does. */
final class OpsRegistry implements AutoCloseable {

    final RegistryConfig config;
    final Operations operations;
    final RegistryServer server;
    final TestClient client;

    OpsRegistry(String yaml, StorageDriver driver, Path queues) throws IOException {
        config = RegistryConfig.parse(yaml, "test config", Map.of());
        operations = Operations.create(config, driver, queues, Clock.systemUTC());
        StorageRegistry registry = StorageRegistry.builder(operations.storageDriver()).build();
        RegistryServer.Builder builder = RegistryServer.builder()
                .registry(registry)
                .bindAddress("127.0.0.1")
                .port(0)
                .httpSecret("test-secret")
                .deleteEnabled(config.storage().deleteEnabled())
                .relativeUrls(config.http().relativeUrls())
                .headers(config.http().headers());
        config.http().host().ifPresent(builder::host);
        operations.interceptors(registry).forEach(builder::interceptor);
        server = builder.build().start();
        operations.start();
        client = new TestClient(server.baseUri());
    }

    TestClient debug() {
        return new TestClient(operations.debugUri().orElseThrow());
    }

    @Override
    public void close() throws IOException {
        server.close();
        operations.close();
    }
}
