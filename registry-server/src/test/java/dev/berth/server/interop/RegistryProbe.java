package dev.berth.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Reads an image back from a registry over plain HTTP, the way a client pulls: the manifest by
 * tag, every child manifest, config and layer by digest, each checked against its digest.
 */
final class RegistryProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT = String.join(", ", MediaType.OCI_INDEX, MediaType.OCI_MANIFEST,
            MediaType.DOCKER_MANIFEST_LIST, MediaType.DOCKER_MANIFEST);

    private final HttpClient client;
    private final URI baseUri;

    RegistryProbe(URI baseUri) {
        this(baseUri, null);
    }

    /** A probe trusting what {@code tls} trusts, for a registry with a test certificate. */
    RegistryProbe(URI baseUri, SSLContext tls) {
        this.baseUri = baseUri;
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    /** Pulls {@code repository:tag} completely; returns the digest of every manifest and blob it reached. */
    Set<Digest> pull(String repository, String tag, Digest expectedTop) throws IOException, InterruptedException {
        Set<Digest> reached = new LinkedHashSet<>();
        assertThat(manifestDigestOf(repository, tag)).as("digest of %s:%s", repository, tag).isEqualTo(expectedTop);
        pullManifest(repository, expectedTop, reached);
        return reached;
    }

    Digest manifestDigestOf(String repository, String reference) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get("/v2/" + repository + "/manifests/" + reference, ACCEPT);
        assertThat(response.statusCode()).as("GET manifest %s:%s", repository, reference).isEqualTo(200);
        Digest digest = Digest.sha256(response.body());
        assertThat(response.headers().firstValue("Docker-Content-Digest")).contains(digest.toString());
        return digest;
    }

    String tagsOf(String repository) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get("/v2/" + repository + "/tags/list", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private void pullManifest(String repository, Digest digest, Set<Digest> reached) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get("/v2/" + repository + "/manifests/" + digest, ACCEPT);
        assertThat(response.statusCode()).as("GET manifest %s@%s", repository, digest).isEqualTo(200);
        assertThat(Digest.sha256(response.body())).isEqualTo(digest);
        reached.add(digest);
        JsonNode manifest = JSON.readTree(response.body());
        for (JsonNode child : manifest.path("manifests")) {
            pullManifest(repository, Digest.parse(child.get("digest").asText()), reached);
        }
        if (manifest.has("config")) {
            pullBlob(repository, manifest.get("config"), reached);
        }
        for (JsonNode layer : manifest.path("layers")) {
            pullBlob(repository, layer, reached);
        }
    }

    private void pullBlob(String repository, JsonNode descriptor, Set<Digest> reached) throws IOException, InterruptedException {
        Digest digest = Digest.parse(descriptor.get("digest").asText());
        HttpResponse<InputStream> response = client.send(request("/v2/" + repository + "/blobs/" + digest, "*/*"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as("GET blob %s@%s", repository, digest).isEqualTo(200);
        try (InputStream body = response.body()) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = 0;
            byte[] buffer = new byte[16384];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                sha256.update(buffer, 0, n);
                size += n;
            }
            assertThat("sha256:" + HexFormat.of().formatHex(sha256.digest())).isEqualTo(digest.toString());
            assertThat(size).isEqualTo(descriptor.get("size").asLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        reached.add(digest);
    }

    private HttpResponse<byte[]> get(String path, String accept) throws IOException, InterruptedException {
        return client.send(request(path, accept), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String path, String accept) {
        return HttpRequest.newBuilder(baseUri.resolve(path)).header("Accept", accept).build();
    }
}
