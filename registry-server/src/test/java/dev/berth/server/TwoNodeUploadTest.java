package dev.berth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TestImages;
import dev.berth.server.conformance.TestRegistries;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two Berth processes on one storage directory: an upload started on one is finished on the other. */
class TwoNodeUploadTest {

    @TempDir
    Path storage;

    private static RegistryServer node(Path root, String secret) {
        return RegistryServer.builder().registry(TestRegistries.filesystem(root)).httpSecret(secret).port(0)
                .relativeUrls(true).build().start();
    }

    /** The Location of one node, sent to the other: what a load balancer does. */
    private static String on(RegistryServer node, String location) {
        return node.baseUri().resolve(URI.create(location).getRawPath().substring(1) + "?"
                + URI.create(location).getRawQuery()).toString();
    }

    @Test
    void anUploadStartedOnOneNodeIsFinishedOnTheOther() {
        byte[] content = TestImages.blob(200_000, 42);
        Digest digest = Digest.sha256(content);
        try (RegistryServer a = node(storage, "shared"); RegistryServer b = node(storage, "shared")) {
            TestClient clientA = new TestClient(a.baseUri());
            TestClient clientB = new TestClient(b.baseUri());
            TestClient.Response started = clientA.send("POST", "/v2/two/nodes/blobs/uploads/", new byte[0]);
            TestClient.Response first = clientB.send("PATCH", on(b, started.location()),
                    Arrays.copyOfRange(content, 0, 100_000), "Content-Range", "0-99999");
            assertThat(first.status()).as("%s", first).isEqualTo(202);
            TestClient.Response second = clientA.send("PATCH", on(a, first.location()),
                    Arrays.copyOfRange(content, 100_000, 200_000), "Content-Range", "100000-199999");
            assertThat(second.status()).as("%s", second).isEqualTo(202);
            TestClient.Response done = clientB.send("PUT", on(b, second.location()) + "&digest=" + digest, new byte[0]);
            assertThat(done.status()).as("%s", done).isEqualTo(201);
            assertThat(clientA.get("/v2/two/nodes/blobs/" + digest).body()).isEqualTo(content);
        }
    }

    @Test
    void aNodeWithAnotherSecretRefusesTheUploadState() {
        try (RegistryServer a = node(storage, "one"); RegistryServer b = node(storage, "two")) {
            TestClient.Response started = new TestClient(a.baseUri())
                    .send("POST", "/v2/two/nodes/blobs/uploads/", new byte[0]);
            TestClient.Response refused = new TestClient(b.baseUri())
                    .send("PATCH", on(b, started.location()), new byte[] {1});
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("BLOB_UPLOAD_INVALID");
        }
    }
}
