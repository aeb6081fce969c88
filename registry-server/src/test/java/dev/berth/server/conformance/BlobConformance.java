package dev.berth.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.server.conformance.TestClient.Response;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** end-1, end-2 and end-10: the base endpoint, blob GET/HEAD with ranges, blob DELETE. */
public interface BlobConformance extends ConformanceFixture {

    @Test
    default void baseEndpointAnswers200WithApiVersionHeader() {
        Response response = client().get("/v2/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Docker-Distribution-API-Version")).contains("registry/2.0");
        assertThat(response.json().isObject()).isTrue();
    }

    @Test
    default void getBlobReturnsContentWithDigestLengthAndEtag() {
        byte[] content = TestImages.blob(70_000, 1);
        Digest digest = pushBlob(content);
        Response response = client().get("/v2/" + REPO + "/blobs/" + digest);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.header("Content-Length")).contains("70000");
        assertThat(response.header("Docker-Content-Digest")).contains(digest.toString());
        assertThat(response.header("ETag")).contains("\"" + digest + "\"");
    }

    @Test
    default void headOfBlobReturnsLengthAndDigestWithoutBody() {
        byte[] content = TestImages.blob(1234, 2);
        Digest digest = pushBlob(content);
        Response response = client().head("/v2/" + REPO + "/blobs/" + digest);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Content-Length")).contains("1234");
        assertThat(response.header("Docker-Content-Digest")).contains(digest.toString());
    }

    @Test
    default void headOfUnknownBlobReturns404BlobUnknown() {
        Response response = client().head("/v2/" + REPO + "/blobs/" + Digest.sha256(new byte[] {1}));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
    }

    @Test
    default void getOfUnknownBlobReturns404BlobUnknown() {
        assertError(client().get("/v2/" + REPO + "/blobs/" + Digest.sha256(new byte[] {1})), 404, "BLOB_UNKNOWN");
    }

    @Test
    default void blobOfAnotherRepositoryIsUnknownHere() {
        Digest digest = pushBlob(client(), "other/repo", TestImages.blob(10, 3));
        assertError(client().get("/v2/" + REPO + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
    }

    @Test
    default void malformedDigestReturns400DigestInvalid() {
        assertError(client().get("/v2/" + REPO + "/blobs/sha256:XYZ"), 400, "DIGEST_INVALID");
        assertError(client().get("/v2/" + REPO + "/blobs/md5:d41d8cd98f00b204e9800998ecf8427e"), 400, "DIGEST_INVALID");
    }

    @Test
    default void rangeRequestReturns206WithContentRange() {
        byte[] content = TestImages.blob(1000, 4);
        Digest digest = pushBlob(content);
        Response response = client().get("/v2/" + REPO + "/blobs/" + digest, "Range", "bytes=100-199");
        assertThat(response.status()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 100, 200));
        assertThat(response.header("Content-Range")).contains("bytes 100-199/1000");
        Response suffix = client().get("/v2/" + REPO + "/blobs/" + digest, "Range", "bytes=-10");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, 990, 1000));
        Response open = client().get("/v2/" + REPO + "/blobs/" + digest, "Range", "bytes=995-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(content, 995, 1000));
    }

    @Test
    default void unsatisfiableRangeReturns416RangeInvalid() {
        Digest digest = pushBlob(TestImages.blob(100, 5));
        Response response = client().get("/v2/" + REPO + "/blobs/" + digest, "Range", "bytes=100-200");
        assertError(response, 416, "RANGE_INVALID");
        assertThat(response.header("Content-Range")).contains("bytes */100");
    }

    @Test
    default void malformedRangeIsIgnoredAndTheWholeBlobSent() {
        byte[] content = TestImages.blob(100, 6);
        Digest digest = pushBlob(content);
        Response response = client().get("/v2/" + REPO + "/blobs/" + digest, "Range", "bytes=oops");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
    }

    @Test
    default void conditionalGetOfUnchangedBlobReturns304() {
        Digest digest = pushBlob(TestImages.blob(100, 7));
        Response response = client().get("/v2/" + REPO + "/blobs/" + digest, "If-None-Match", "\"" + digest + "\"");
        assertThat(response.status()).isEqualTo(304);
    }

    @Test
    default void deleteBlobReturns202AndTheBlobIsGone() {
        Digest digest = pushBlob(TestImages.blob(100, 8));
        assertThat(client().delete("/v2/" + REPO + "/blobs/" + digest).status()).isEqualTo(202);
        assertError(client().get("/v2/" + REPO + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
        assertError(client().delete("/v2/" + REPO + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
    }

    @Test
    default void deleteBlobWhenDeletesAreDisabledReturns405Unsupported() {
        TestClient client = start(settings -> settings.deleteEnabled(false));
        Digest digest = pushBlob(client, REPO, TestImages.blob(100, 9));
        assertError(client.delete("/v2/" + REPO + "/blobs/" + digest), 405, "UNSUPPORTED");
        assertThat(client.get("/v2/" + REPO + "/blobs/" + digest).status()).isEqualTo(200);
    }
}
