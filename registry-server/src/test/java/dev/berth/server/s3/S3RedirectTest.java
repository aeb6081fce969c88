package dev.berth.server.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.server.RegistryServer;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TestImages;
import dev.berth.storage.s3.S3DriverConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Berth in front of S3: blob downloads go straight to the bucket, and uploads move between nodes. */
class S3RedirectTest {

    @RegisterExtension
    static final S3Nodes S3 = new S3Nodes();
    private final HttpClient http = HttpClient.newHttpClient();

    private static RegistryServer node(S3DriverConfig storage, boolean redirects) {
        return RegistryServer.builder().registry(S3.registry(storage)).httpSecret("shared").port(0)
                .relativeUrls(true).redirectsEnabled(redirects).build().start();
    }

    private static Digest push(TestClient client, byte[] content) {
        Digest digest = Digest.sha256(content);
        TestClient.Response pushed = client.send("POST", "/v2/s3/app/blobs/uploads/?digest=" + digest, content);
        assertThat(pushed.status()).as("%s", pushed).isEqualTo(201);
        return digest;
    }

    @Test
    void blobDownloadsAreRedirectedToAPresignedUrlThatServesTheBlob() throws Exception {
        byte[] content = TestImages.blob(300_000, 1);
        try (RegistryServer registry = node(S3.newBucket(), true)) {
            TestClient client = new TestClient(registry.baseUri());
            Digest digest = push(client, content);

            TestClient.Response get = client.get("/v2/s3/app/blobs/" + digest);
            TestClient.Response head = client.send("HEAD", "/v2/s3/app/blobs/" + digest, new byte[0]);

            assertThat(get.status()).as("%s", get).isEqualTo(307);
            assertThat(get.header("Docker-Content-Digest")).contains(digest.toString());
            URI location = URI.create(get.header("Location").orElseThrow());
            assertThat(location.getQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=1200")
                    .doesNotContain(dev.berth.storage.s3.S3ProxyServer.SECRET_KEY);
            HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(location).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(Digest.sha256(fetched.body())).isEqualTo(digest);
            assertThat(head.status()).as("%s", head).isEqualTo(307);
        }
    }

    @Test
    void withRedirectsDisabledTheRegistryServesTheBytesItself() {
        byte[] content = TestImages.blob(300_000, 2);
        try (RegistryServer registry = node(S3.newBucket(), false)) {
            TestClient client = new TestClient(registry.baseUri());
            Digest digest = push(client, content);

            TestClient.Response get = client.get("/v2/s3/app/blobs/" + digest);

            assertThat(get.status()).as("%s", get).isEqualTo(200);
            assertThat(get.body()).isEqualTo(content);
        }
    }

    @Test
    void anUploadMovesBetweenNodesInChunksThatCrossPartBoundaries() {
        int part = (int) S3DriverConfig.MIN_PART_SIZE;
        byte[] content = TestImages.blob(2 * part + 1_000_000, 3);
        Digest digest = Digest.sha256(content);
        int[] cuts = {0, 3_000_000, part + 2_000_000, content.length};
        S3DriverConfig storage = S3.newBucket();
        try (RegistryServer a = node(storage, false); RegistryServer b = node(storage, false)) {
            TestClient[] clients = {new TestClient(a.baseUri()), new TestClient(b.baseUri())};
            RegistryServer[] servers = {a, b};
            String location = clients[0].send("POST", "/v2/s3/app/blobs/uploads/", new byte[0]).location();
            for (int chunk = 0; chunk < cuts.length - 1; chunk++) {
                int node = (chunk + 1) % 2;
                TestClient.Response patched = clients[node].send("PATCH", on(servers[node], location),
                        Arrays.copyOfRange(content, cuts[chunk], cuts[chunk + 1]),
                        "Content-Range", cuts[chunk] + "-" + (cuts[chunk + 1] - 1));
                assertThat(patched.status()).as("%s", patched).isEqualTo(202);
                assertThat(patched.header("Range")).contains("0-" + (cuts[chunk + 1] - 1));
                location = patched.location();
            }
            TestClient.Response done = clients[0].send("PUT", on(a, location) + "&digest=" + digest, new byte[0]);

            assertThat(done.status()).as("%s", done).isEqualTo(201);
            assertThat(clients[1].get("/v2/s3/app/blobs/" + digest).body()).isEqualTo(content);
        }
    }

    /** The Location of one node, sent to another: what a load balancer does. */
    private static String on(RegistryServer node, String location) {
        URI uri = URI.create(location);
        return node.baseUri().resolve(uri.getRawPath().substring(1) + "?" + uri.getRawQuery()).toString();
    }
}
