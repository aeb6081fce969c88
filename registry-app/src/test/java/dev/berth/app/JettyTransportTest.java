package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.server.RegistryServer;
import dev.berth.server.ServerTransport;
import dev.berth.server.TestCertificates;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TestRegistries;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JettyTransportTest {

    private static RegistryServer.Builder registry() {
        return RegistryServer.builder().transport(new JettyTransport()).registry(TestRegistries.inMemory())
                .port(0).httpSecret("s");
    }

    @Test
    void theProgramFindsJettyOnItsClassPath() {
        assertThat(ServerTransport.discover()).isInstanceOf(JettyTransport.class);
    }

    /**
     * What skopeo, docker and Jib do first: a TLS handshake, even with a registry they may reach
     * over plain HTTP. It must fail at once (Jetty answers 400), not hang until the client's
     * handshake timeout, so that the client falls back to HTTP.
     */
    @Test
    void aTlsHelloOnThePlainPortFailsTheHandshakeInsteadOfHanging() throws Exception {
        try (RegistryServer server = registry().build().start()) {
            URI base = server.baseUri();
            SSLContext anyCertificate = SSLContext.getInstance("TLS");
            anyCertificate.init(null, new TrustManager[] {new TrustingEveryone()}, null);
            try (SSLSocket socket = (SSLSocket) anyCertificate.getSocketFactory().createSocket(base.getHost(), base.getPort())) {
                // A hang would end in SocketTimeoutException, which is not an SSLException.
                socket.setSoTimeout(30_000);
                assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
            }
            assertThat(new TestClient(base).get("/v2/").status()).isEqualTo(200);
        }
    }

    @Test
    void servesHttpsWithThePemCertificateAndKey(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.selfSigned(dir);
        try (RegistryServer server = registry().tls(certificates.certificate(), certificates.key()).build().start()) {
            assertThat(server.baseUri().getScheme()).isEqualTo("https");
            TestClient client = new TestClient(server.baseUri(), TestClient.trusting(certificates.x509()));
            TestClient.Response started = client.send("POST", "/v2/tls/app/blobs/uploads/", new byte[0]);
            assertThat(started.status()).isEqualTo(202);
            assertThat(started.location()).startsWith("https://");
        }
    }

    @Test
    void servesTheApiUnderTheHttpPrefix() {
        try (RegistryServer server = registry().prefix("/registry").build().start()) {
            assertThat(server.baseUri().getPath()).isEqualTo("/registry/");
            TestClient client = new TestClient(server.baseUri());
            assertThat(client.get("/v2/").status()).isEqualTo(200);
            TestClient.Response started = client.send("POST", "/v2/prefixed/app/blobs/uploads/", new byte[0]);
            assertThat(started.location()).contains("/registry/v2/prefixed/app/blobs/uploads/");
        }
    }

    @Test
    void doesNotNameItsServerSoftware() {
        try (RegistryServer server = registry().build().start()) {
            TestClient.Response answer = new TestClient(server.baseUri()).get("/v2/");
            assertThat(answer.header("Server")).isEmpty();
            assertThat(answer.header("Docker-Distribution-API-Version")).contains("registry/2.0");
        }
    }

    private static final class TrustingEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
