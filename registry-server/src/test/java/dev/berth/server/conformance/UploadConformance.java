package dev.berth.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.server.conformance.TestClient.Response;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** end-4a, end-4b, end-5, end-6, end-11, end-13 and cancel: every way a blob gets in, and every way it fails. */
public interface UploadConformance extends ConformanceFixture {

    default Response startUpload(TestClient client, String repo) {
        Response response = client.send("POST", "/v2/" + repo + "/blobs/uploads/", new byte[0]);
        assertThat(response.status()).as("%s", response).isEqualTo(202);
        return response;
    }

    default String blobPath(Digest digest) {
        return "/v2/" + REPO + "/blobs/" + digest;
    }

    @Test
    default void postStartsAnUploadWithLocationUuidAndEmptyRange() {
        Response response = startUpload(client(), REPO);
        assertThat(response.location()).contains("/v2/" + REPO + "/blobs/uploads/").contains("_state=");
        assertThat(response.header("Docker-Upload-UUID")).isPresent();
        assertThat(response.header("Range")).contains("0-0");
        assertThat(response.header("Content-Length")).contains("0");
    }

    @Test
    default void monolithicPostWithDigestReturns201() {
        byte[] content = TestImages.blob(5000, 10);
        Digest digest = Digest.sha256(content);
        Response response = client().send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + digest, content);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.location()).endsWith(blobPath(digest));
        assertThat(response.header("Docker-Content-Digest")).contains(digest.toString());
        assertThat(client().get(blobPath(digest)).body()).isEqualTo(content);
    }

    @Test
    default void postThenPutWithTheWholeBodyReturns201() {
        byte[] content = TestImages.blob(3000, 11);
        Digest digest = Digest.sha256(content);
        Response started = startUpload(client(), REPO);
        Response done = client().send("PUT", started.location() + "&digest=" + digest, content);
        assertThat(done.status()).as("%s", done).isEqualTo(201);
        assertThat(done.location()).endsWith(blobPath(digest));
        assertThat(client().get(blobPath(digest)).body()).isEqualTo(content);
    }

    @Test
    default void chunkedUploadWithContentRangeCompletes() {
        byte[] content = TestImages.blob(10_000, 12);
        Digest digest = Digest.sha256(content);
        Response response = startUpload(client(), REPO);
        for (int start = 0; start < content.length; start += 4000) {
            int end = Math.min(content.length, start + 4000);
            response = client().send("PATCH", response.location(), Arrays.copyOfRange(content, start, end),
                    "Content-Type", "application/octet-stream", "Content-Range", start + "-" + (end - 1));
            assertThat(response.status()).as("%s", response).isEqualTo(202);
            assertThat(response.header("Range")).contains("0-" + (end - 1));
        }
        Response done = client().send("PUT", response.location() + "&digest=" + digest, new byte[0]);
        assertThat(done.status()).as("%s", done).isEqualTo(201);
        assertThat(client().get(blobPath(digest)).body()).isEqualTo(content);
    }

    @Test
    default void streamedPatchOfUnknownLengthThenPutCompletes() {
        byte[] content = TestImages.blob(300_000, 13);
        Digest digest = Digest.sha256(content);
        Response started = startUpload(client(), REPO);
        // A publisher from a stream has no length: the body goes chunked.
        Response patched = client().send("PATCH", started.location(),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content)));
        assertThat(patched.status()).as("%s", patched).isEqualTo(202);
        assertThat(patched.header("Range")).contains("0-" + (content.length - 1));
        Response done = client().send("PUT", patched.location() + "&digest=" + digest, new byte[0]);
        assertThat(done.status()).isEqualTo(201);
        assertThat(client().get(blobPath(digest)).body()).isEqualTo(content);
    }

    @Test
    default void putWithAFinalChunkAppendsItBeforeCommitting() {
        byte[] content = TestImages.blob(2000, 14);
        Digest digest = Digest.sha256(content);
        Response patched = client().send("PATCH", startUpload(client(), REPO).location(),
                Arrays.copyOfRange(content, 0, 1500), "Content-Range", "0-1499");
        Response done = client().send("PUT", patched.location() + "&digest=" + digest,
                Arrays.copyOfRange(content, 1500, 2000), "Content-Range", "1500-1999");
        assertThat(done.status()).as("%s", done).isEqualTo(201);
        assertThat(client().get(blobPath(digest)).body()).isEqualTo(content);
    }

    @Test
    default void outOfOrderChunkReturns416WithTheCurrentRange() {
        Response patched = client().send("PATCH", startUpload(client(), REPO).location(), new byte[100],
                "Content-Range", "0-99");
        Response skipped = client().send("PATCH", patched.location(), new byte[100], "Content-Range", "200-299");
        assertError(skipped, 416, "RANGE_INVALID");
        assertThat(skipped.header("Range")).contains("0-99");
        Response status = client().get(patched.location());
        assertThat(status.header("Range")).contains("0-99");
    }

    @Test
    default void reusingAnEarlierLocationReturns416() {
        Response started = startUpload(client(), REPO);
        Response patched = client().send("PATCH", started.location(), new byte[100]);
        assertThat(patched.status()).isEqualTo(202);
        Response stale = client().send("PATCH", started.location(), new byte[100]);
        assertError(stale, 416, "RANGE_INVALID");
        assertThat(stale.header("Range")).contains("0-99");
        assertThat(stale.location()).contains("_state=");
    }

    @Test
    default void uploadStatusReturns204WithRangeAndLocation() {
        Response patched = client().send("PATCH", startUpload(client(), REPO).location(), new byte[42]);
        Response status = client().get(patched.location());
        assertThat(status.status()).isEqualTo(204);
        assertThat(status.header("Range")).contains("0-41");
        assertThat(status.header("Docker-Upload-UUID")).isEqualTo(patched.header("Docker-Upload-UUID"));
        assertThat(status.location()).contains("_state=");
    }

    @Test
    default void putWithWrongDigestReturns400DigestInvalidAndStoresNothing() {
        byte[] content = TestImages.blob(100, 15);
        Digest wrong = Digest.sha256(new byte[] {9});
        Response started = startUpload(client(), REPO);
        assertError(client().send("PUT", started.location() + "&digest=" + wrong, content), 400, "DIGEST_INVALID");
        assertError(client().get(blobPath(wrong)), 404, "BLOB_UNKNOWN");
        assertError(client().get(blobPath(Digest.sha256(content))), 404, "BLOB_UNKNOWN");
    }

    @Test
    default void monolithicPostWithWrongDigestReturns400DigestInvalid() {
        Digest wrong = Digest.sha256(new byte[] {9});
        assertError(client().send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + wrong, new byte[] {1, 2}),
                400, "DIGEST_INVALID");
        assertError(client().head(blobPath(wrong)), 404, "BLOB_UNKNOWN");
    }

    @Test
    default void putWithoutDigestReturns400DigestInvalid() {
        Response started = startUpload(client(), REPO);
        assertError(client().send("PUT", started.location(), new byte[] {1}), 400, "DIGEST_INVALID");
    }

    @Test
    default void cancelledUploadReturns204AndIsThenUnknown() {
        Response started = startUpload(client(), REPO);
        assertThat(client().delete(started.location()).status()).isEqualTo(204);
        assertError(client().get(started.location()), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(client().send("PATCH", started.location(), new byte[] {1}), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    default void completedUploadCannotBeContinued() {
        byte[] content = TestImages.blob(10, 16);
        Response started = startUpload(client(), REPO);
        client().send("PUT", started.location() + "&digest=" + Digest.sha256(content), content);
        assertError(client().send("PATCH", started.location(), new byte[] {1}), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    default void tamperedStateReturns400BlobUploadInvalid() {
        String location = startUpload(client(), REPO).location();
        int at = location.indexOf("_state=") + "_state=".length();
        char flipped = location.charAt(at + 2) == 'A' ? 'B' : 'A';
        String tampered = location.substring(0, at + 2) + flipped + location.substring(at + 3);
        assertError(client().send("PATCH", tampered, new byte[] {1}), 400, "BLOB_UPLOAD_INVALID");
        String withoutState = location.substring(0, location.indexOf('?'));
        assertError(client().send("PATCH", withoutState, new byte[] {1}), 400, "BLOB_UPLOAD_INVALID");
        assertError(client().send("PATCH", location.substring(0, at) + "garbage", new byte[] {1}), 400,
                "BLOB_UPLOAD_INVALID");
    }

    @Test
    default void stateOfAnotherRepositoryIsRefused() {
        String location = startUpload(client(), REPO).location();
        String elsewhere = location.replace("/v2/" + REPO + "/", "/v2/other/repo/");
        assertError(client().send("PATCH", elsewhere, new byte[] {1}), 400, "BLOB_UPLOAD_INVALID");
    }

    @Test
    default void crossRepositoryMountReturns201() {
        Digest digest = pushBlob(client(), "source/repo", TestImages.blob(500, 17));
        Response mounted = client().send("POST", "/v2/" + REPO + "/blobs/uploads/?mount=" + digest
                + "&from=source/repo", new byte[0]);
        assertThat(mounted.status()).as("%s", mounted).isEqualTo(201);
        assertThat(mounted.location()).endsWith(blobPath(digest));
        assertThat(mounted.header("Docker-Content-Digest")).contains(digest.toString());
        assertThat(client().head(blobPath(digest)).status()).isEqualTo(200);
    }

    @Test
    default void mountOfABlobTheSourceLacksStartsAFreshUpload() {
        Digest missing = Digest.sha256(new byte[] {7});
        Response response = client().send("POST", "/v2/" + REPO + "/blobs/uploads/?mount=" + missing
                + "&from=source/repo", new byte[0]);
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.location()).contains("/blobs/uploads/");
    }

    @Test
    default void mountWithoutFromLinksACopyFromAnywhereInAnOpenRegistry() {
        Digest digest = pushBlob(client(), "somewhere/else", TestImages.blob(300, 18));
        Response mounted = client().send("POST", "/v2/" + REPO + "/blobs/uploads/?mount=" + digest, new byte[0]);
        assertThat(mounted.status()).as("%s", mounted).isEqualTo(201);
    }

    @Test
    default void uploadStartAdvertisesTheMinimumChunkLengthWhenConfigured() {
        TestClient client = start(settings -> settings.chunkMinLength(5 * 1024 * 1024));
        assertThat(startUpload(client, REPO).header("OCI-Chunk-Min-Length")).contains("5242880");
    }

    @Test
    default void unsupportedDigestAlgorithmIsRefusedAtUploadStart() {
        assertError(client().send("POST", "/v2/" + REPO + "/blobs/uploads/?digest-algorithm=md5", new byte[0]), 400,
                "DIGEST_INVALID");
        assertThat(client().send("POST", "/v2/" + REPO + "/blobs/uploads/?digest-algorithm=sha512", new byte[0])
                .status()).isEqualTo(202);
    }

    @Test
    default void sha512BlobUploadCompletes() {
        byte[] content = TestImages.blob(100, 19);
        Digest digest = Digest.of(dev.berth.api.DigestAlgorithm.SHA512, content);
        Response started = client().send("POST", "/v2/" + REPO + "/blobs/uploads/?digest-algorithm=sha512", new byte[0]);
        Response done = client().send("PUT", started.location() + "&digest=" + digest, content);
        assertThat(done.status()).as("%s", done).isEqualTo(201);
        assertThat(client().get(blobPath(digest)).body()).isEqualTo(content);
    }
}
