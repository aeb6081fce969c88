package dev.berth.app;

import dev.berth.server.conformance.AccessConformance;
import dev.berth.server.conformance.BlobConformance;
import dev.berth.server.conformance.ListingConformance;
import dev.berth.server.conformance.ManifestConformance;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TestRegistries;
import dev.berth.server.conformance.TransportFixture;
import dev.berth.server.conformance.UploadConformance;
import dev.berth.server.http.RegistryHandler;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI conformance tests on the program's HTTP server and its default storage, files: blob
 * bodies then go from the file to Jetty in buffers, ranges included.
 */
class JettyConformanceTest extends TransportFixture
        implements BlobConformance, UploadConformance, ManifestConformance, ListingConformance, AccessConformance {

    @TempDir
    Path storage;
    private int registries;

    @Override
    public TestClient start(Consumer<RegistryHandler.Builder> settings) {
        return start(TestRegistries.filesystem(storage.resolve("registry-" + registries++)), settings);
    }

    @Override
    protected Served serve(RegistryHandler handler) {
        return onServer(new JettyTransport(), handler);
    }
}
