package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import dev.berth.server.JibPushTest;
import dev.berth.server.RegistryServer;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TestRegistries;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jib against a plain-HTTP registry on the program's transport. Jib tries HTTPS first and falls
 * back to HTTP only on a TLS error, never on a timeout: on the JDK's server it needs TLS
 * (JibPushTest), on Jetty it works as a developer's loopback registry is usually run.
 */
class JettyJibTest {

    @TempDir
    Path temp;

    @Test
    void jibPushesToAPlainHttpRegistryOnJetty() throws Exception {
        try (RegistryServer server = RegistryServer.builder().transport(new JettyTransport())
                .registry(TestRegistries.inMemory()).httpSecret("jib").port(0).build().start()) {
            assertThat(server.baseUri().getScheme()).isEqualTo("http");

            JibContainer container = JibPushTest.push(temp, server.baseUri().getAuthority() + "/jib/plain:v1",
                    ImageFormat.OCI);

            TestClient.Response manifest = new TestClient(server.baseUri())
                    .get("/v2/jib/plain/manifests/v1", "Accept", MediaType.OCI_MANIFEST);
            assertThat(manifest.status()).as("%s", manifest).isEqualTo(200);
            assertThat(Digest.sha256(manifest.body()).toString()).isEqualTo(container.getDigest().toString());
        }
    }
}
