package dev.berth.app;

import dev.berth.server.conformance.AccessConformance;
import dev.berth.server.conformance.BlobConformance;
import dev.berth.server.conformance.ListingConformance;
import dev.berth.server.conformance.ManifestConformance;
import dev.berth.server.conformance.TransportFixture;
import dev.berth.server.conformance.UploadConformance;
import dev.berth.server.http.RegistryHandler;

/** The OCI conformance tests on the program's HTTP server. */
class JettyConformanceTest extends TransportFixture
        implements BlobConformance, UploadConformance, ManifestConformance, ListingConformance, AccessConformance {

    @Override
    protected Served serve(RegistryHandler handler) {
        return onServer(new JettyTransport(), handler);
    }
}
