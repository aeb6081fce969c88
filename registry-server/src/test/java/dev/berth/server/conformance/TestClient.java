package dev.berth.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A plain HTTP client for the conformance tests: every status and header visible, no retries. */
public final class TestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;

    public TestClient(URI base) {
        this(base, null);
    }

    /** A client trusting what {@code ssl} trusts (for a registry with a test certificate). */
    public TestClient(URI base, SSLContext ssl) {
        this.base = base;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10));
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.http = builder.build();
    }

    /** TLS trusting exactly {@code certificate}. */
    public static SSLContext trusting(X509Certificate certificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("registry", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI base() {
        return base;
    }

    /** {@code target} is a path ({@code /v2/...}, resolved against the base) or an absolute URL (a Location). */
    public Response send(String method, String target, byte[] body, String... headers) {
        return send(method, target, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body), headers);
    }

    public Response send(String method, String target, BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(target)).method(method, body)
                .timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            java.net.http.HttpResponse<byte[]> response = http.send(request.build(), BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String target, String... headers) {
        return send("GET", target, (byte[]) null, headers);
    }

    public Response head(String target, String... headers) {
        return send("HEAD", target, (byte[]) null, headers);
    }

    public Response delete(String target, String... headers) {
        return send("DELETE", target, (byte[]) null, headers);
    }

    public URI resolve(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return URI.create(target);
        }
        String path = target.startsWith("/") ? target.substring(1) : target;
        return base.resolve(path);
    }

    /** What came back. */
    public record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public List<String> headerValues(String name) {
            return headers.allValues(name);
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        /** The code of the first error of a spec error body. */
        public String errorCode() {
            JsonNode errors = json().path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                throw new AssertionError("no errors array in: " + text());
            }
            return errors.get(0).path("code").asText();
        }

        public String location() {
            return header("Location").orElseThrow(() -> new AssertionError("no Location header"));
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + " " + (body.length < 2000 ? text() : body.length + " bytes");
        }
    }
}
