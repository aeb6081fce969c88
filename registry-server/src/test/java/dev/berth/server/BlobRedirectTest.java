package dev.berth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TestImages;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.driver.ForwardingStorageDriver;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Storage that can hand out URLs (S3, Azure, GCS) gets blob GETs redirected to them, unless disabled. */
class BlobRedirectTest {

    /** A driver that, like an object store, signs a URL for every path. */
    private static final class SigningDriver extends ForwardingStorageDriver {
        SigningDriver() {
            super(new InMemoryDriver());
        }

        @Override
        public Optional<URI> redirectUrl(String path, String method, Duration expiry) {
            return Optional.of(URI.create("https://storage.example/" + method + path + "?expires=" + expiry.toSeconds()));
        }
    }

    private static Digest push(TestClient client, byte[] content) {
        Digest digest = Digest.sha256(content);
        assertThat(client.send("POST", "/v2/r/blobs/uploads/?digest=" + digest, content).status()).isEqualTo(201);
        return digest;
    }

    @Test
    void blobGetAndHeadRedirectWith307ToTheStorageUrl() {
        try (RegistryServer server = RegistryServer.builder()
                .registry(StorageRegistry.builder(new SigningDriver()).build()).port(0).httpSecret("s").build().start()) {
            TestClient client = new TestClient(server.baseUri());
            Digest digest = push(client, TestImages.blob(100, 1));
            TestClient.Response get = client.get("/v2/r/blobs/" + digest);
            assertThat(get.status()).isEqualTo(307);
            assertThat(get.location()).startsWith("https://storage.example/GET/").contains(digest.hex());
            assertThat(get.header("Docker-Content-Digest")).contains(digest.toString());
            assertThat(client.head("/v2/r/blobs/" + digest).location()).startsWith("https://storage.example/HEAD/");
        }
    }

    @Test
    void withRedirectsDisabledTheRegistryServesTheBytesItself() {
        byte[] content = TestImages.blob(100, 2);
        try (RegistryServer server = RegistryServer.builder().redirectsEnabled(false)
                .registry(StorageRegistry.builder(new SigningDriver()).build()).port(0).httpSecret("s").build().start()) {
            TestClient client = new TestClient(server.baseUri());
            Digest digest = push(client, content);
            TestClient.Response get = client.get("/v2/r/blobs/" + digest);
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(content);
        }
    }
}
