package dev.berth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A small client of the distribution API, for tests: push and pull blobs (monolithic or in
 * chunks), manifests and whole {@link TestImage}s, list tags, the catalog and referrers,
 * delete. A registry error comes back as the {@link RegistryException} the server sent, code
 * and all, so tests assert on {@code e.code()}. With credentials it follows the token flow.
 * Immutable and thread-safe.
 */
public final class RegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final String ACCEPT_MANIFESTS = String.join(", ",
            dev.berth.api.MediaType.OCI_MANIFEST, dev.berth.api.MediaType.OCI_INDEX,
            dev.berth.api.MediaType.DOCKER_MANIFEST, dev.berth.api.MediaType.DOCKER_MANIFEST_LIST);

    private final HttpUrl base;
    private final OkHttpClient http;

    private RegistryClient(HttpUrl base, OkHttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** A client of the registry at {@code baseUri} ({@code http://127.0.0.1:5000/}), anonymous. */
    public static RegistryClient create(URI baseUri) {
        return builder(baseUri).build();
    }

    /** A client that authenticates as {@code username} when the registry challenges it. */
    public static RegistryClient withCredentials(URI baseUri, String username, String password) {
        return builder(baseUri).credentials(username, password).build();
    }

    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    /** Settings of a {@link RegistryClient}. */
    public static final class Builder {

        private final URI baseUri;
        private Optional<String> credentials = Optional.empty();
        private Optional<SelfSignedCertificate> trusted = Optional.empty();

        private Builder(URI baseUri) {
            this.baseUri = baseUri;
        }

        /** Answer the registry's challenges (Basic, or the token flow) as {@code username}. */
        public Builder credentials(String username, String password) {
            this.credentials = Optional.of(RegistryAuthenticator.basic(username, password));
            return this;
        }

        /** Trust this certificate for HTTPS (and only this one). */
        public Builder trust(SelfSignedCertificate certificate) {
            this.trusted = Optional.of(certificate);
            return this;
        }

        public RegistryClient build() {
            OkHttpClient.Builder plain = new OkHttpClient.Builder().followRedirects(true);
            trusted.ifPresent(certificate ->
                    plain.sslSocketFactory(certificate.sslContext().getSocketFactory(), certificate.trustManager()));
            OkHttpClient tokenClient = plain.build();
            OkHttpClient http = tokenClient.newBuilder()
                    .authenticator(new RegistryAuthenticator(credentials, tokenClient)).build();
            return new RegistryClient(HttpUrl.get(baseUri.toString()), http);
        }
    }

    /** Pushes a whole image: blobs, child manifests by digest, then the manifest under {@code tag}. */
    public Digest push(String repository, String tag, TestImage image) {
        for (TestBlob blob : image.allBlobs()) {
            if (!blobExists(repository, blob.digest())) {
                pushBlob(repository, blob.content());
            }
        }
        for (TestImage child : image.children()) {
            pushManifest(repository, child.digest().toString(), child.manifestBytes(), child.mediaType());
        }
        return pushManifest(repository, tag, image.manifestBytes(), image.mediaType());
    }

    /** Pushes a blob in one monolithic {@code POST ?digest=}. */
    public Digest pushBlob(String repository, byte[] content) {
        Digest digest = Digest.sha256(content);
        HttpUrl url = url(repository, "blobs", "uploads", "").newBuilder()
                .addQueryParameter("digest", digest.toString()).build();
        execute(new Request.Builder().url(url).post(RequestBody.create(content, OCTET_STREAM)), 201);
        return digest;
    }

    /** Pushes a blob as {@code POST}, one {@code PATCH} per chunk with {@code Content-Range}, then {@code PUT}. */
    public Digest pushBlobChunked(String repository, byte[] content, int chunkSize) {
        Digest digest = Digest.sha256(content);
        HttpUrl location = startUpload(repository);
        for (int offset = 0; offset < content.length; offset += chunkSize) {
            byte[] chunk = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + chunkSize));
            Reply response = execute(new Request.Builder().url(location)
                    .header("Content-Range", offset + "-" + (offset + chunk.length - 1))
                    .patch(RequestBody.create(chunk, OCTET_STREAM)), 202);
            location = resolve(response.header("Location"));
        }
        HttpUrl finish = location.newBuilder().addQueryParameter("digest", digest.toString()).build();
        execute(new Request.Builder().url(finish).put(RequestBody.create(new byte[0], OCTET_STREAM)), 201);
        return digest;
    }

    /** Starts an upload session; returns its location. */
    public HttpUrl startUpload(String repository) {
        Reply response = execute(new Request.Builder().url(url(repository, "blobs", "uploads", ""))
                .post(RequestBody.create(new byte[0], OCTET_STREAM)), 202);
        return resolve(response.header("Location"));
    }

    /** Mounts a blob from another repository; true when the registry mounted it (201), false when it opened an upload (202). */
    public boolean mountBlob(String repository, Digest digest, String fromRepository) {
        HttpUrl url = url(repository, "blobs", "uploads", "").newBuilder()
                .addQueryParameter("mount", digest.toString())
                .addQueryParameter("from", fromRepository).build();
        return execute(new Request.Builder().url(url).post(RequestBody.create(new byte[0], OCTET_STREAM)), 201, 202)
                .code() == 201;
    }

    public boolean blobExists(String repository, Digest digest) {
        return execute(new Request.Builder().url(url(repository, "blobs", digest.toString())).head(), 200, 404)
                .code() == 200;
    }

    public byte[] pullBlob(String repository, Digest digest) {
        return execute(new Request.Builder().url(url(repository, "blobs", digest.toString())).get(), 200).body();
    }

    public void deleteBlob(String repository, Digest digest) {
        execute(new Request.Builder().url(url(repository, "blobs", digest.toString())).delete(), 202);
    }

    /** Pushes manifest bytes under a tag or digest; returns the digest the registry answered with. */
    public Digest pushManifest(String repository, String reference, byte[] manifest, String mediaType) {
        Reply response = execute(new Request.Builder().url(url(repository, "manifests", reference))
                .put(RequestBody.create(manifest, MediaType.get(mediaType))), 201);
        return Digest.parse(response.header("Docker-Content-Digest"));
    }

    /** Pulls a manifest, accepting every manifest type. */
    public PulledManifest pullManifest(String repository, String reference) {
        Reply response = execute(new Request.Builder().url(url(repository, "manifests", reference))
                .header("Accept", ACCEPT_MANIFESTS)
                .get(), 200);
        return new PulledManifest(response.header("Content-Type"), Digest.parse(response.header("Docker-Content-Digest")), response.body());
    }

    public void deleteManifest(String repository, String reference) {
        execute(new Request.Builder().url(url(repository, "manifests", reference)).delete(), 202);
    }

    /** Every tag of the repository, following {@code Link} pages. */
    public List<String> tags(String repository) {
        return pagedList(url(repository, "tags", "list"), "tags");
    }

    /** Every repository, following {@code Link} pages. */
    public List<String> catalog() {
        return pagedList(base.newBuilder().addPathSegments("v2/_catalog").build(), "repositories");
    }

    /** The referrers of {@code subject}, optionally filtered by artifact type. */
    public List<Descriptor> referrers(String repository, Digest subject, Optional<String> artifactType) {
        HttpUrl.Builder url = url(repository, "referrers", subject.toString()).newBuilder();
        artifactType.ifPresent(type -> url.addQueryParameter("artifactType", type));
        JsonNode index = json(execute(new Request.Builder().url(url.build()).get(), 200));
        List<Descriptor> referrers = new ArrayList<>();
        for (JsonNode entry : index.path("manifests")) {
            referrers.add(JSON.convertValue(entry, Descriptor.class));
        }
        return referrers;
    }

    /** A manifest as pulled: its content type, digest header and bytes. */
    public record PulledManifest(String mediaType, Digest digest, byte[] bytes) {
    }

    private List<String> pagedList(HttpUrl first, String field) {
        List<String> all = new ArrayList<>();
        HttpUrl next = first;
        while (next != null) {
            Reply response = execute(new Request.Builder().url(next).get(), 200);
            String link = response.header("Link");
            json(response).path(field).forEach(node -> all.add(node.asText()));
            next = link == null ? null : resolve(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
        }
        return all;
    }

    private HttpUrl url(String repository, String kind, String... rest) {
        HttpUrl.Builder url = base.newBuilder().addPathSegment("v2").addPathSegments(repository).addPathSegment(kind);
        for (String segment : rest) {
            url.addPathSegment(segment);
        }
        return url.build();
    }

    private HttpUrl resolve(String location) {
        HttpUrl url = base.resolve(location);
        if (url == null) {
            throw new IllegalStateException("registry sent an unusable location: " + location);
        }
        return url;
    }

    /** The parts of a response the client uses; bodies in tests are small, so read whole. */
    private record Reply(int code, Headers headers, byte[] body) {

        String header(String name) {
            return headers.get(name);
        }
    }

    /** Runs the call; a status not in {@code expected} becomes the registry's error. */
    private Reply execute(Request.Builder request, int... expected) {
        try (Response response = http.newCall(request.build()).execute()) {
            Reply reply = new Reply(response.code(), response.headers(), response.body().bytes());
            for (int status : expected) {
                if (reply.code() == status) {
                    return reply;
                }
            }
            throw error(reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RegistryException error(Reply response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        ErrorCode code = ErrorCode.UNKNOWN;
        String message = "registry answered " + response.code();
        Object detail = body;
        try {
            JsonNode first = JSON.readTree(body).path("errors").path(0);
            code = ErrorCode.valueOf(first.path("code").asText());
            message = first.path("message").asText(message);
            detail = first.path("detail").isMissingNode() ? null : first.path("detail").toString();
        } catch (IOException | IllegalArgumentException notAnErrorBody) {
            // Keep UNKNOWN with the raw body: the registry answered something the spec does not describe.
        }
        return new RegistryException(code, message, detail, response.code(), null);
    }

    private static JsonNode json(Reply response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
