package dev.berth.server;

import dev.berth.server.conformance.AccessConformance;
import dev.berth.server.conformance.BlobConformance;
import dev.berth.server.conformance.ListingConformance;
import dev.berth.server.conformance.ManifestConformance;
import dev.berth.server.conformance.TransportFixture;
import dev.berth.server.conformance.UploadConformance;
import dev.berth.server.http.RegistryHandler;

/** The OCI conformance tests over the embedded JDK HTTP server. */
class JdkServerConformanceTest extends TransportFixture
        implements BlobConformance, UploadConformance, ManifestConformance, ListingConformance, AccessConformance {

    @Override
    protected Served serve(RegistryHandler handler) {
        return onJdkServer(handler);
    }
}
