package dev.berth.server;

import dev.berth.server.conformance.AccessConformance;
import dev.berth.server.conformance.BlobConformance;
import dev.berth.server.conformance.ListingConformance;
import dev.berth.server.conformance.ManifestConformance;
import dev.berth.server.conformance.TransportFixture;
import dev.berth.server.conformance.UploadConformance;
import dev.berth.server.http.RegistryHandler;
import java.net.URI;
import java.time.Duration;

/** The OCI conformance tests over the embedded JDK HTTP server. */
class JdkServerConformanceTest extends TransportFixture
        implements BlobConformance, UploadConformance, ManifestConformance, ListingConformance, AccessConformance {

    @Override
    protected Served serve(RegistryHandler handler) {
        RegistryServer server = RegistryServer.builder().handler(handler).port(0)
                .shutdownGrace(Duration.ofSeconds(5)).build().start();
        return new Served() {
            @Override
            public URI baseUri() {
                return server.baseUri();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
