package dev.berth.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.MediaType;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.BlobUploads.UploadInfo;
import dev.berth.api.store.Registry;
import dev.berth.api.store.Repository;
import dev.berth.storage.filesystem.FilesystemDriver;
import dev.berth.storage.layout.Layout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-way drop-in check against distribution 2.8 itself ({@code apt-get install
 * docker-registry}; skipped without it): what Berth writes, distribution serves; what
 * distribution writes, including an upload it left half done, Berth reads and finishes.
 */
class DistributionInteropTest {

    private static final RepositoryName NAME = RepositoryName.parse("team/app");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path root;
    @TempDir
    Path work;

    @BeforeEach
    void requireDistribution() {
        assumeTrue(DistributionProcess.installed(), "distribution 2.8 (docker-registry) is not installed");
    }

    @Test
    void distributionServesWhatBerthWrote() throws Exception {
        Repository repository = StorageRegistry.builder(new FilesystemDriver(root)).build().repository(NAME);
        Manifest image = Images.pushImage(repository, "berth layer");
        repository.tags().tag(Tag.parse("latest"), image.digest());
        Descriptor layer = image.references().get(1);

        try (DistributionProcess distribution = DistributionProcess.serve(root, work)) {
            HttpResponse<byte[]> manifest = get(distribution.uri("/v2/team/app/manifests/latest"));
            HttpResponse<byte[]> blob = get(distribution.uri("/v2/team/app/blobs/" + layer.digest()));
            HttpResponse<byte[]> tags = get(distribution.uri("/v2/team/app/tags/list"));
            HttpResponse<byte[]> catalog = get(distribution.uri("/v2/_catalog"));
            HttpResponse<byte[]> deleted = send(HttpRequest.newBuilder(
                    distribution.uri("/v2/team/app/manifests/" + image.digest())).DELETE());

            assertThat(manifest.statusCode()).isEqualTo(200);
            assertThat(manifest.body()).isEqualTo(image.bytes());
            assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(image.digest().toString());
            assertThat(blob.body()).isEqualTo("berth layer".getBytes(UTF_8));
            assertThat(new String(tags.body(), UTF_8)).contains("\"tags\":[\"latest\"]");
            assertThat(new String(catalog.body(), UTF_8)).contains("\"team/app\"");
            assertThat(deleted.statusCode()).isEqualTo(202);
        }
        // distribution deleted the revision link (leaving its directory) and the tag: Berth agrees.
        assertThat(repository.manifests().exists(image.digest())).isFalse();
        assertThat(repository.manifests().digests()).isEmpty();
        assertThat(repository.tags().resolve(Tag.parse("latest"))).isEmpty();
    }

    @Test
    void berthReadsWhatDistributionWroteAndFinishesItsUpload() throws Exception {
        byte[] layer = "distribution layer".getBytes(UTF_8);
        byte[] config = "{\"os\":\"linux\"}".getBytes(UTF_8);
        byte[] partial = "first half|second half".getBytes(UTF_8);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String uploadId;
        Manifest manifest;
        try (DistributionProcess distribution = DistributionProcess.serve(root, work)) {
            Descriptor layerDescriptor = pushChunked(distribution, layer, MediaType.OCI_LAYER);
            Descriptor configDescriptor = pushChunked(distribution, config, MediaType.OCI_CONFIG);
            manifest = Images.parse(Images.imageManifest(configDescriptor, List.of(layerDescriptor)));
            HttpResponse<byte[]> put = send(HttpRequest.newBuilder(distribution.uri("/v2/team/app/manifests/v1"))
                    .header("Content-Type", MediaType.OCI_MANIFEST).PUT(BodyPublishers.ofByteArray(manifest.bytes())));
            assertThat(put.statusCode()).isEqualTo(201);
            URI upload = startUpload(distribution);
            upload = patch(upload, partial, 0, 10);
            uploadId = upload.getPath().substring(upload.getPath().lastIndexOf('/') + 1);
        }

        Registry registry = StorageRegistry.builder(new FilesystemDriver(root)).build();
        Repository repository = registry.repository(NAME);
        assertThat(registry.catalog().list(null, 10).items()).containsExactly(NAME);
        assertThat(repository.tags().resolve(Tag.parse("v1"))).contains(manifest.digest());
        assertThat(repository.manifests().get(manifest.digest())).get()
                .satisfies(stored -> assertThat(stored.bytes()).isEqualTo(manifest.bytes()));
        try (InputStream in = repository.blobs().open(Digest.sha256(layer), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(layer);
        }
        // distribution saved a Go hash state for its half; Berth re-hashes the bytes instead.
        assertThat(root.resolve(Layout.uploadHashStates(NAME, uploadId, DigestAlgorithm.SHA256).substring(1)))
                .isDirectoryContaining(path -> path.getFileName().toString().equals("10"));
        assertThat(repository.uploads().list()).singleElement().extracting(UploadInfo::id).isEqualTo(uploadId);
        assertThat(repository.uploads().list().findFirst().orElseThrow().startedAt()).isAfterOrEqualTo(before);
        BlobUpload resumed = repository.uploads().resume(uploadId);
        assertThat(resumed.size()).isEqualTo(10);
        resumed.append(new ByteArrayInputStream(partial, 10, partial.length - 10), 10);
        assertThat(resumed.commit(Digest.sha256(partial), OptionalLong.of(partial.length)).digest())
                .isEqualTo(Digest.sha256(partial));
        assertThat(repository.uploads().list()).isEmpty();
    }

    /** POST, one PATCH, PUT with the digest: the chunked flow. */
    private Descriptor pushChunked(DistributionProcess distribution, byte[] content, String mediaType) throws Exception {
        URI upload = patch(startUpload(distribution), content, 0, content.length);
        Digest digest = Digest.sha256(content);
        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(URI.create(upload + "&digest=" + digest))
                .PUT(BodyPublishers.noBody()));
        assertThat(put.statusCode()).isEqualTo(201);
        return Descriptor.of(mediaType, digest, content.length);
    }

    private URI startUpload(DistributionProcess distribution) throws Exception {
        HttpResponse<byte[]> post = send(HttpRequest.newBuilder(distribution.uri("/v2/team/app/blobs/uploads/"))
                .POST(BodyPublishers.noBody()));
        assertThat(post.statusCode()).isEqualTo(202);
        return distribution.uri(post.headers().firstValue("Location").orElseThrow());
    }

    private URI patch(URI upload, byte[] content, int from, int to) throws Exception {
        HttpResponse<byte[]> patch = send(HttpRequest.newBuilder(upload)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", from + "-" + (to - 1))
                .method("PATCH", BodyPublishers.ofByteArray(content, from, to - from)));
        assertThat(patch.statusCode()).isEqualTo(202);
        return upload.resolve(patch.headers().firstValue("Location").orElseThrow());
    }

    private HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Accept", MediaType.OCI_MANIFEST).GET());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), BodyHandlers.ofByteArray());
    }
}
