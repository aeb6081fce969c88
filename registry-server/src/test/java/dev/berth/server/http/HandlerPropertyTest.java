package dev.berth.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.server.conformance.TestRegistries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, the handler answers with a status below 500 and, for an error, the
 * spec's JSON body. Property tests use QuickTheories, not jqwik: jqwik's maintainer asks coding
 * agents not to use it, and we respect that.
 */
class HandlerPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SEGMENTS = List.of("v2", "a", "b", "..", ".", "", "%2e%2e", "%2F", "%00", "%zz",
            "blobs", "uploads", "manifests", "tags", "list", "referrers", "_catalog", "UPPER", "latest", "-x",
            "sha256:0000000000000000000000000000000000000000000000000000000000000000", "sha256:xyz", "sha512:00",
            "00000000-0000-0000-0000-000000000000", "x".repeat(300), "a;b", "\u00e9", "+");
    private static final List<String> METHODS = List.of("GET", "HEAD", "PUT", "POST", "PATCH", "DELETE", "OPTIONS", "TRACE");
    private static final List<String> QUERIES = List.of("", "n=-1", "n=abc", "n=0", "last=%zz", "digest=sha256:1",
            "mount=sha256:1&from=..", "_state=abc.def", "tag=-bad", "digest-algorithm=md5", "artifactType=",
            "n=99999999999999999999", "mount=&from=", "_state=");
    private static final List<String> BODIES = List.of("", "{", "[]", "{\"schemaVersion\":2}", "\u0000\u0001garbage");

    private final RegistryHandler handler = RegistryHandler.builder().registry(TestRegistries.inMemory())
            .httpSecret("property").deleteEnabled(true).build();

    @Test
    void noRequestEverGetsA500() {
        qt().withExamples(3000).forAll(
                lists().of(integers().between(0, SEGMENTS.size() - 1)).ofSizeBetween(1, 7),
                integers().between(0, METHODS.size() - 1),
                integers().between(0, QUERIES.size() * BODIES.size() - 1),
                arbitrary().pick(List.of("", "0-0", "5-1", "bytes=0-", "x")))
            .checkAssert((segments, method, queryAndBody, range) -> {
                int query = queryAndBody % QUERIES.size();
                int body = queryAndBody / QUERIES.size();
                StringBuilder path = new StringBuilder();
                segments.forEach(index -> path.append('/').append(SEGMENTS.get(index)));
                byte[] content = BODIES.get(body).getBytes(StandardCharsets.UTF_8);
                HttpHeaders.Builder headers = HttpHeaders.builder().set("Content-Type", "application/json")
                        .set("Content-Length", Integer.toString(content.length));
                if (!range.isEmpty()) {
                    headers.set("Content-Range", range).set("Range", range);
                }
                HttpRequest request = new HttpRequest(METHODS.get(method), "http", "", path.toString(),
                        HttpRequest.parseQuery(QUERIES.get(query)), headers.build(), new ByteArrayInputStream(content),
                        "127.0.0.1");
                HttpResponse response = handle(request);
                assertThat(response.status()).as("%s %s?%s", request.method(), path, QUERIES.get(query)).isLessThan(500);
                assertThat(response.headers().first(RegistryHandler.API_VERSION_HEADER)).contains(RegistryHandler.API_VERSION);
                if (response.status() >= 400) {
                    JsonNode error = json(written(response)).path("errors").get(0);
                    assertThat(error.path("code").asText()).isNotEmpty();
                }
            });
    }

    @Test
    void anEmptyRepositoryNameIsNameInvalidOnEveryNamedRoute() {
        for (String path : List.of("/v2//blobs/v2", "/v2//manifests/latest", "/v2//tags/list", "/v2//blobs/uploads/",
                "/v2//referrers/sha256:" + "0".repeat(64))) {
            HttpResponse response = handle(new HttpRequest("GET", "http", "", path, Map.of(), HttpHeaders.builder().build(),
                    new ByteArrayInputStream(new byte[0]), "127.0.0.1"));
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(json(written(response)).path("errors").get(0).path("code").asText()).isEqualTo("NAME_INVALID");
        }
    }

    private HttpResponse handle(HttpRequest request) {
        try {
            return handler.handle(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    private static byte[] written(HttpResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            response.body().writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void queryStringsDecodeEveryValueInOrder() {
        Map<String, List<String>> query = HttpRequest.parseQuery("tag=a&tag=b&x&from=a%2Fb&bad=%zz");
        assertThat(query.get("tag")).containsExactly("a", "b");
        assertThat(query.get("x")).containsExactly("");
        assertThat(query.get("from")).containsExactly("a/b");
        assertThat(query.get("bad")).containsExactly("%zz");
    }
}
