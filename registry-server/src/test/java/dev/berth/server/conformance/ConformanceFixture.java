package dev.berth.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.api.store.Registry;
import dev.berth.server.conformance.TestClient.Response;
import dev.berth.server.http.RegistryHandler;
import java.util.function.Consumer;

/**
 * What the conformance tests need of a transport: a running registry to talk to, and the
 * helpers every test uses. The tests are default methods of interfaces extending this one;
 * a transport's test class implements them all (see {@link TransportFixture}).
 */
public interface ConformanceFixture {

    String REPO = "conformance/app";

    /** A client for the registry started for this test: in-memory, deletes enabled. */
    TestClient client();

    /** Starts another registry (fresh in-memory storage) with adjusted settings. */
    TestClient start(Consumer<RegistryHandler.Builder> settings);

    /** Starts another registry on {@code registry} with adjusted settings. */
    TestClient start(Registry registry, Consumer<RegistryHandler.Builder> settings);

    /** Pushes a blob with a monolithic POST and checks the 201. */
    default Digest pushBlob(TestClient client, String repo, byte[] content) {
        Digest digest = Digest.sha256(content);
        Response response = client.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, content,
                "Content-Type", "application/octet-stream");
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return digest;
    }

    default Digest pushBlob(byte[] content) {
        return pushBlob(client(), REPO, content);
    }

    default Response putManifest(TestClient client, String repo, String reference, byte[] manifest, String mediaType) {
        return client.send("PUT", "/v2/" + repo + "/manifests/" + reference, manifest, "Content-Type", mediaType);
    }

    /** Pushes a config, a layer and a manifest tagged {@code tag}; returns the manifest bytes. */
    default byte[] pushImage(TestClient client, String repo, String tag, long seed) {
        byte[] config = TestImages.config("seed-" + seed);
        byte[] layer = TestImages.blob(1000 + (int) seed, seed);
        pushBlob(client, repo, config);
        pushBlob(client, repo, layer);
        byte[] manifest = TestImages.manifest(config, layer);
        Response response = putManifest(client, repo, tag, manifest, dev.berth.api.MediaType.OCI_MANIFEST);
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return manifest;
    }

    default byte[] pushImage(String tag) {
        return pushImage(client(), REPO, tag, tag.hashCode() & 0xffff);
    }

    /** A spec error: the status, the code of the first error, and the API version header. */
    default void assertError(Response response, int status, String code) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.header("Docker-Distribution-API-Version")).contains("registry/2.0");
        if (response.body().length > 0) {
            assertThat(response.errorCode()).as("%s", response).isEqualTo(code);
            assertThat(response.json().path("errors").get(0).path("message").asText()).isNotEmpty();
        }
    }
}
