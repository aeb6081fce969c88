package dev.berth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.server.conformance.TestRegistries;
import dev.berth.server.http.HttpHeaders;
import dev.berth.server.http.HttpRequest;
import dev.berth.server.http.HttpResponse;
import dev.berth.server.http.RegistryHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestMeterTest {

    private final List<CompletedRequest> completed = new ArrayList<>();
    private final RegistryHandler handler = RegistryHandler.builder()
            .registry(TestRegistries.inMemory())
            .httpSecret("secret")
            .interceptor(new RequestMeter(List.of(completed::add)))
            .build();

    private static HttpRequest request(String method, String path, Map<String, List<String>> query, byte[] body,
            String... headers) {
        HttpHeaders.Builder fields = HttpHeaders.builder();
        for (int i = 0; i < headers.length; i += 2) {
            fields.add(headers[i], headers[i + 1]);
        }
        InputStream in = new ByteArrayInputStream(body);
        return new HttpRequest(method, "http", "", path, query, fields.build(), in, "10.1.2.3:5555");
    }

    private static byte[] written(HttpResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.body().writeTo(out);
        return out.toByteArray();
    }

    @Test
    void aRequestIsReportedOnceItsBodyHasBeenWrittenWithTheBytesBothWays() throws IOException {
        byte[] blob = "some layer bytes".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        HttpResponse pushed = handler.handle(request("POST", "/v2/library/app/blobs/uploads/",
                Map.of("digest", List.of(digest.toString())), blob, "User-Agent", "test/1",
                "Content-Type", "application/octet-stream", "Content-Length", Integer.toString(blob.length)));
        assertThat(pushed.status()).isEqualTo(201);
        assertThat(completed).hasSize(1);
        CompletedRequest push = completed.get(0);
        assertThat(push.requestBytes()).isEqualTo(blob.length);
        assertThat(push.route()).isEqualTo("blob_upload_start");
        assertThat(push.path()).isEqualTo("/v2/library/app/blobs/uploads/?digest=" + digest.toString().replace(":", "%3A"));
        assertThat(push.userAgent()).isEqualTo("test/1");
        assertThat(push.remoteAddress()).isEqualTo("10.1.2.3:5555");
        assertThat(pushed.headers().first(RequestMeter.REQUEST_ID)).contains(push.id());

        HttpResponse pulled = handler.handle(request("GET", "/v2/library/app/blobs/" + digest, Map.of(), new byte[0]));
        assertThat(completed).hasSize(1); // not yet: the body has not been written
        assertThat(written(pulled)).isEqualTo(blob);
        assertThat(completed).hasSize(2);
        assertThat(completed.get(1).responseBytes()).isEqualTo(blob.length);
        assertThat(completed.get(1).status()).isEqualTo(200);
        assertThat(completed.get(1).route()).isEqualTo("blob");

        // A transport that takes buffers (Jetty's servlet stream) is counted the same.
        ByteArrayOutputStream buffers = new ByteArrayOutputStream();
        handler.handle(request("GET", "/v2/library/app/blobs/" + digest, Map.of(), new byte[0])).body()
                .writeTo(Channels.newChannel(buffers));
        assertThat(buffers.toByteArray()).isEqualTo(blob);
        assertThat(completed).hasSize(3);
        assertThat(completed.get(2).responseBytes()).isEqualTo(blob.length);
    }

    @Test
    void headAndBodilessResponsesAreReportedAtOnce() throws IOException {
        handler.handle(request("HEAD", "/v2/library/app/blobs/sha256:" + "a".repeat(64), Map.of(), new byte[0]));
        assertThat(completed).singleElement().satisfies(done -> {
            assertThat(done.status()).isEqualTo(404);
            assertThat(done.responseBytes()).isZero();
            assertThat(done.method()).isEqualTo("HEAD");
        });
    }

    @Test
    void aRequestIdFromTheClientIsKeptAndAnUnsafeOneReplaced() throws IOException {
        HttpResponse kept = handler.handle(request("GET", "/v2/", Map.of(), new byte[0], "X-Request-Id", "abc-123"));
        assertThat(kept.headers().first(RequestMeter.REQUEST_ID)).contains("abc-123");
        HttpResponse replaced = handler.handle(request("GET", "/v2/", Map.of(), new byte[0],
                "X-Request-Id", "x".repeat(500)));
        assertThat(replaced.headers().first(RequestMeter.REQUEST_ID).orElseThrow()).hasSize(36);
    }
}
