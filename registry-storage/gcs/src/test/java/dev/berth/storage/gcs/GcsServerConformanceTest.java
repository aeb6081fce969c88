package dev.berth.storage.gcs;

import dev.berth.server.conformance.AccessConformance;
import dev.berth.server.conformance.BlobConformance;
import dev.berth.server.conformance.ListingConformance;
import dev.berth.server.conformance.ManifestConformance;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TransportFixture;
import dev.berth.server.conformance.UploadConformance;
import dev.berth.server.http.RegistryHandler;
import dev.berth.storage.StorageRegistry;
import java.io.IOException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The server's OCI conformance tests with the registry on the GCS driver over
 * {@link FakeGcsServer}, a bucket per test and the smallest chunk, so uploads span sessions,
 * parts and composes. Evidence about the driver's logic, not about GCS.
 */
class GcsServerConformanceTest extends TransportFixture
        implements BlobConformance, UploadConformance, ManifestConformance, ListingConformance, AccessConformance {

    private static FakeGcsServer fake;

    @BeforeAll
    static void startFake() throws IOException {
        fake = FakeGcsServer.start();
    }

    @AfterAll
    static void stopFake() throws IOException {
        fake.close();
    }

    @Override
    public TestClient start(Consumer<RegistryHandler.Builder> settings) {
        GcsDriver driver = new GcsDriver(fake.newBucket());
        return start(StorageRegistry.builder(driver).build(), settings);
    }

    @Override
    protected Served serve(RegistryHandler handler) {
        return onJdkServer(handler);
    }
}
