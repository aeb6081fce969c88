package dev.berth.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.MediaType;
import dev.berth.server.conformance.TestClient.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** end-3, end-7 and end-9: manifests by tag and digest, negotiation, limits and deletes. */
public interface ManifestConformance extends ConformanceFixture {

    default String manifestPath(Object reference) {
        return "/v2/" + REPO + "/manifests/" + reference;
    }

    @Test
    default void putManifestByTagReturns201WithLocationAndDigest() {
        byte[] config = TestImages.config("a");
        byte[] layer = TestImages.blob(100, 20);
        pushBlob(config);
        pushBlob(layer);
        byte[] manifest = TestImages.manifest(config, layer);
        Response response = putManifest(client(), REPO, "v1", manifest, MediaType.OCI_MANIFEST);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.location()).endsWith(manifestPath(Digest.sha256(manifest)));
        assertThat(response.header("Docker-Content-Digest")).contains(Digest.sha256(manifest).toString());
        assertThat(response.header("OCI-Subject")).isEmpty();
    }

    @Test
    default void getManifestByTagAndByDigestReturnsTheExactBytesAndType() {
        byte[] manifest = pushImage("v1");
        Digest digest = Digest.sha256(manifest);
        for (Object reference : new Object[] {"v1", digest}) {
            Response response = client().get(manifestPath(reference), "Accept", MediaType.OCI_MANIFEST);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(manifest);
            assertThat(response.header("Content-Type")).contains(MediaType.OCI_MANIFEST);
            assertThat(response.header("Docker-Content-Digest")).contains(digest.toString());
        }
    }

    @Test
    default void headManifestReturnsTypeLengthAndDigestWithoutBody() {
        byte[] manifest = pushImage("v1");
        Response response = client().head(manifestPath("v1"), "Accept", MediaType.OCI_MANIFEST);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Content-Length")).contains(String.valueOf(manifest.length));
        assertThat(response.header("Docker-Content-Digest")).contains(Digest.sha256(manifest).toString());
    }

    @Test
    default void unknownTagAndDigestReturn404ManifestUnknown() {
        assertError(client().get(manifestPath("nope")), 404, "MANIFEST_UNKNOWN");
        assertError(client().get(manifestPath(Digest.sha256(new byte[] {1}))), 404, "MANIFEST_UNKNOWN");
        assertThat(client().head(manifestPath("nope")).status()).isEqualTo(404);
    }

    @Test
    default void invalidTagReturns400() {
        assertThat(client().get(manifestPath("-bad")).status()).isEqualTo(400);
    }

    @Test
    default void manifestReferencingAMissingBlobReturns400ManifestBlobUnknown() {
        byte[] config = TestImages.config("missing-layer");
        pushBlob(config);
        byte[] manifest = TestImages.manifest(config, TestImages.blob(10, 21));
        assertError(putManifest(client(), REPO, "v1", manifest, MediaType.OCI_MANIFEST), 400, "MANIFEST_BLOB_UNKNOWN");
        assertError(client().get(manifestPath("v1")), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    default void malformedJsonReturns400ManifestInvalid() {
        assertError(putManifest(client(), REPO, "v1", "{\"schemaVersion\":".getBytes(StandardCharsets.UTF_8),
                MediaType.OCI_MANIFEST), 400, "MANIFEST_INVALID");
        assertError(putManifest(client(), REPO, "v1", "[]".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST),
                400, "MANIFEST_INVALID");
    }

    @Test
    default void putByDigestThatDoesNotMatchTheBodyReturns400DigestInvalid() {
        byte[] config = TestImages.config("x");
        byte[] layer = TestImages.blob(10, 22);
        pushBlob(config);
        pushBlob(layer);
        Response response = putManifest(client(), REPO, Digest.sha256(new byte[] {1}).toString(),
                TestImages.manifest(config, layer), MediaType.OCI_MANIFEST);
        assertError(response, 400, "DIGEST_INVALID");
    }

    @Test
    default void putByDigestWithTagParametersTagsEveryOne() {
        byte[] config = TestImages.config("tags");
        byte[] layer = TestImages.blob(10, 23);
        pushBlob(config);
        pushBlob(layer);
        byte[] manifest = TestImages.manifest(config, layer);
        Digest digest = Digest.sha256(manifest);
        Response response = putManifest(client(), REPO, digest + "?tag=a&tag=b", manifest, MediaType.OCI_MANIFEST);
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        assertThat(client().get(manifestPath("a"), "Accept", MediaType.OCI_MANIFEST).body()).isEqualTo(manifest);
        assertThat(client().get(manifestPath("b"), "Accept", MediaType.OCI_MANIFEST).body()).isEqualTo(manifest);
    }

    @Test
    default void putByTagWithDigestAlgorithmSha512AddressesTheManifestBySha512() {
        byte[] config = TestImages.config("sha512");
        byte[] layer = TestImages.blob(10, 24);
        pushBlob(config);
        pushBlob(layer);
        byte[] manifest = TestImages.manifest(config, layer);
        Response response = putManifest(client(), REPO, "v1?digest-algorithm=sha512", manifest, MediaType.OCI_MANIFEST);
        Digest sha512 = Digest.of(DigestAlgorithm.SHA512, manifest);
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        assertThat(response.header("Docker-Content-Digest")).contains(sha512.toString());
        assertThat(client().get(manifestPath(sha512), "Accept", MediaType.OCI_MANIFEST).body()).isEqualTo(manifest);
    }

    @Test
    default void manifestOfFourMebibytesIsAcceptedAndLargerReturns413() {
        byte[] config = TestImages.config("big");
        byte[] layer = TestImages.blob(10, 25);
        pushBlob(config);
        pushBlob(layer);
        String base = new String(TestImages.manifest(config, layer), StandardCharsets.UTF_8);
        String prefix = base.substring(0, base.length() - 1) + ",\"annotations\":{\"pad\":\"";
        int padding = 4 * 1024 * 1024 - prefix.length() - 3;
        byte[] fits = (prefix + "x".repeat(padding) + "\"}}").getBytes(StandardCharsets.UTF_8);
        assertThat(fits).hasSize(4 * 1024 * 1024);
        assertThat(putManifest(client(), REPO, "big", fits, MediaType.OCI_MANIFEST).status()).isEqualTo(201);
        byte[] tooBig = (prefix + "x".repeat(padding + 1) + "\"}}").getBytes(StandardCharsets.UTF_8);
        assertError(putManifest(client(), REPO, "bigger", tooBig, MediaType.OCI_MANIFEST), 413, "MANIFEST_INVALID");
    }

    @Test
    default void manifestWithASubjectAnswersWithOciSubject() {
        byte[] image = pushImage("v1");
        byte[] config = TestImages.config("sig");
        byte[] layer = TestImages.blob(10, 26);
        pushBlob(config);
        pushBlob(layer);
        byte[] referrer = TestImages.manifest(config, layer, TestImages.subject(image), "application/vnd.example.sig");
        Response response = putManifest(client(), REPO, Digest.sha256(referrer).toString(), referrer,
                MediaType.OCI_MANIFEST);
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        assertThat(response.header("OCI-Subject")).contains(Digest.sha256(image).toString());
    }

    @Test
    default void ociManifestIsNotServedToAClientThatDoesNotAcceptIt() {
        pushImage("v1");
        assertError(client().get(manifestPath("v1"), "Accept", MediaType.DOCKER_MANIFEST), 404, "MANIFEST_UNKNOWN");
        assertThat(client().get(manifestPath("v1")).status()).isEqualTo(200);
        assertThat(client().get(manifestPath("v1"), "Accept", "*/*").status()).isEqualTo(200);
    }

    @Test
    default void manifestListByTagIsReplacedByItsAmd64ManifestForOldClients() {
        byte[] config = TestImages.config("list");
        byte[] layer = TestImages.blob(10, 27);
        pushBlob(config);
        pushBlob(layer);
        byte[] image = new String(TestImages.manifest(config, layer), StandardCharsets.UTF_8)
                .replace(MediaType.OCI_MANIFEST, MediaType.DOCKER_MANIFEST)
                .replace(MediaType.OCI_CONFIG, MediaType.DOCKER_CONFIG)
                .replace(MediaType.OCI_LAYER_GZIP, MediaType.DOCKER_LAYER).getBytes(StandardCharsets.UTF_8);
        assertThat(putManifest(client(), REPO, Digest.sha256(image).toString(), image, MediaType.DOCKER_MANIFEST)
                .status()).isEqualTo(201);
        byte[] list = TestImages.dockerManifestList(image, MediaType.DOCKER_MANIFEST);
        assertThat(putManifest(client(), REPO, "multi", list, MediaType.DOCKER_MANIFEST_LIST).status()).isEqualTo(201);
        Response old = client().get(manifestPath("multi"), "Accept", MediaType.DOCKER_MANIFEST);
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.body()).isEqualTo(image);
        Response current = client().get(manifestPath("multi"), "Accept", MediaType.DOCKER_MANIFEST_LIST);
        assertThat(current.body()).isEqualTo(list);
        Response byDigest = client().get(manifestPath(Digest.sha256(list)), "Accept", MediaType.DOCKER_MANIFEST);
        assertThat(byDigest.body()).isEqualTo(list);
    }

    @Test
    default void deleteByDigestReturns202AndTheManifestIsGone() {
        Digest digest = Digest.sha256(pushImage("v1"));
        assertThat(client().delete(manifestPath(digest)).status()).isEqualTo(202);
        assertError(client().get(manifestPath(digest)), 404, "MANIFEST_UNKNOWN");
        assertError(client().get(manifestPath("v1")), 404, "MANIFEST_UNKNOWN");
        assertError(client().delete(manifestPath(digest)), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    default void deleteByTagUntagsAndKeepsTheManifest() {
        Digest digest = Digest.sha256(pushImage("v1"));
        assertThat(client().delete(manifestPath("v1")).status()).isEqualTo(202);
        assertError(client().get(manifestPath("v1")), 404, "MANIFEST_UNKNOWN");
        assertThat(client().get(manifestPath(digest)).status()).isEqualTo(200);
        assertError(client().delete(manifestPath("v1")), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    default void deleteManifestWhenDeletesAreDisabledReturns405Unsupported() {
        TestClient client = start(settings -> settings.deleteEnabled(false));
        byte[] manifest = pushImage(client, REPO, "v1", 5);
        assertError(client.delete("/v2/" + REPO + "/manifests/" + Digest.sha256(manifest)), 405, "UNSUPPORTED");
        assertError(client.delete("/v2/" + REPO + "/manifests/v1"), 405, "UNSUPPORTED");
    }
}
