package dev.berth.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.Scope;
import dev.berth.server.conformance.TestClient.Response;
import dev.berth.server.http.HttpResponse;
import dev.berth.server.http.RouteInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Names, methods, read-only mode, access control and interceptors: what every endpoint shares. */
public interface AccessConformance extends ConformanceFixture {

    @Test
    default void invalidRepositoryNamesReturn400NameInvalid() {
        for (String name : List.of("UPPER/case", "-lead", "trail-", "a/_b", "x".repeat(256))) {
            assertError(client().get("/v2/" + name + "/tags/list"), 400, "NAME_INVALID");
        }
    }

    /** The status, or 400 when the transport drops a request it deems dangerous before any handler runs. */
    private int statusOrRefused(java.util.function.Supplier<Response> request) {
        try {
            return request.get().status();
        } catch (java.io.UncheckedIOException refusedByTransport) {
            return 400;
        }
    }

    @Test
    default void hostileNamesNeverReachStorage() {
        for (String path : List.of("/v2/..%2F..%2Fetc/tags/list", "/v2/a/%2e%2e/b/manifests/latest",
                "/v2/%2e%2e/blobs/uploads/", "/v2/a%2Fb/tags/list", "/v2/a/..;/b/tags/list", "/v2/a/b%00/tags/list")) {
            assertThat(statusOrRefused(() -> client().get(path))).as(path).isIn(400, 404);
            assertThat(statusOrRefused(() -> client().send("POST", path, new byte[0]))).as(path).isIn(400, 404, 405);
        }
        assertThat(client().get("/v2/_catalog").json().path("repositories")).isEmpty();
    }

    /**
     * An empty name ("/v2//...") is refused like any other bad name, never a 500 (a property test
     * found one): 400, or 404 where the client or transport folds the empty segment away first.
     */
    @Test
    default void emptyRepositoryNamesAreRefused() {
        String digest = "sha256:" + "0".repeat(64);
        for (String path : List.of("/v2//blobs/" + digest, "/v2//blobs/v2", "/v2//manifests/latest", "/v2//tags/list",
                "/v2//referrers/" + digest, "/v2//blobs/uploads/", "/v2/a//b/tags/list")) {
            assertThat(statusOrRefused(() -> client().get(path))).as("GET %s", path).isIn(400, 404);
            assertThat(statusOrRefused(() -> client().send("POST", path, new byte[0]))).as("POST %s", path)
                    .isIn(400, 404, 405);
        }
    }

    @Test
    default void namesWithSlashesAndEndpointWordsAsComponentsWork() {
        String repo = "group/blobs/manifests/uploads/tags";
        byte[] manifest = pushImage(client(), repo, "latest", 3);
        Response response = client().get("/v2/" + repo + "/manifests/latest");
        assertThat(response.body()).isEqualTo(manifest);
        assertThat(ListingConformance.texts(client().get("/v2/" + repo + "/tags/list").json().path("tags")))
                .containsExactly("latest");
    }

    @Test
    default void unknownPathsReturn404AndWrongMethodsReturn405() {
        assertThat(client().get("/v2/" + REPO + "/nothing/here").status()).isEqualTo(404);
        assertThat(client().get("/v1/_ping").status()).isEqualTo(404);
        Response wrong = client().send("PATCH", "/v2/" + REPO + "/manifests/latest", new byte[] {1});
        assertError(wrong, 405, "UNSUPPORTED");
        assertThat(wrong.header("Allow")).isPresent();
        assertError(client().send("POST", "/v2/_catalog", new byte[0]), 405, "UNSUPPORTED");
    }

    @Test
    default void readOnlyRegistryServesReadsAndRefusesEveryWrite() {
        dev.berth.api.store.Registry registry =
                TestRegistries.inMemory();
        TestClient writer = start(registry, settings -> { });
        byte[] manifest = pushImage(writer, REPO, "v1", 9);
        TestClient reader = start(registry, settings -> settings.readOnly(true));
        assertThat(reader.get("/v2/" + REPO + "/manifests/v1").body()).isEqualTo(manifest);
        Response post = reader.send("POST", "/v2/" + REPO + "/blobs/uploads/", new byte[0]);
        assertError(post, 405, "UNSUPPORTED");
        assertThat(post.json().path("errors").get(0).path("message").asText()).contains("read-only");
        assertError(reader.send("PUT", "/v2/" + REPO + "/manifests/v2", manifest, "Content-Type",
                dev.berth.api.MediaType.OCI_MANIFEST), 405, "UNSUPPORTED");
        assertError(reader.delete("/v2/" + REPO + "/manifests/" + Digest.sha256(manifest)), 405, "UNSUPPORTED");
    }

    @Test
    default void refusedAccessReturnsTheChallengeAndNothingIsTouched() {
        List<List<Scope>> asked = new CopyOnWriteArrayList<>();
        TestClient client = start(settings -> settings.accessController(request -> {
            asked.add(request.scopes());
            if (request.authorization().isEmpty()) {
                return new AccessDecision.Refused(401, Optional.of("Bearer realm=\"https://auth.example/token\""),
                        "authentication required");
            }
            return request.authorization().get().equals("Bearer pull-only")
                    && request.scopes().stream().allMatch(scope -> scope.actions().equals(java.util.Set.of("pull")))
                    ? AccessDecision.granted(Optional.of("reader"), request.scopes())
                    : new AccessDecision.Refused(403, Optional.empty(), "requested access to the resource is denied");
        }));
        Response anonymous = client.send("POST", "/v2/" + REPO + "/blobs/uploads/", new byte[0]);
        assertError(anonymous, 401, "UNAUTHORIZED");
        assertThat(anonymous.header("WWW-Authenticate")).contains("Bearer realm=\"https://auth.example/token\"");
        assertThat(asked.get(0)).containsExactly(Scope.repository(REPO, "pull", "push"));

        Response push = client.send("POST", "/v2/" + REPO + "/blobs/uploads/", new byte[0],
                "Authorization", "Bearer pull-only");
        assertError(push, 403, "DENIED");
        Response pull = client.get("/v2/" + REPO + "/tags/list", "Authorization", "Bearer pull-only");
        assertError(pull, 404, "NAME_UNKNOWN");
        client.get("/v2/_catalog", "Authorization", "Bearer pull-only");
        assertThat(asked.get(asked.size() - 1)).containsExactly(Scope.catalog());
        client.delete("/v2/" + REPO + "/manifests/" + Digest.sha256(new byte[] {1}), "Authorization", "x");
        assertThat(asked.get(asked.size() - 1)).containsExactly(Scope.repository(REPO, "delete"));
        client.get("/v2/", "Authorization", "x");
        assertThat(asked.get(asked.size() - 1)).isEmpty();
    }

    @Test
    default void mountWithoutPullOnTheSourceSilentlyBecomesAPlainUpload() {
        dev.berth.api.store.Registry registry =
                TestRegistries.inMemory();
        Digest digest = pushBlob(start(registry, settings -> { }), "private/repo", TestImages.blob(100, 30));
        TestClient client = start(registry, settings -> settings.accessController(request ->
                request.scopes().stream().anyMatch(scope -> scope.name().equals("private/repo"))
                        ? new AccessDecision.Refused(403, Optional.empty(), "denied")
                        : AccessDecision.granted(Optional.of("user"), request.scopes())));
        Response response = client.send("POST", "/v2/" + REPO + "/blobs/uploads/?mount=" + digest
                + "&from=private/repo", new byte[0]);
        assertThat(response.status()).isEqualTo(202);
        Response withoutFrom = client.send("POST", "/v2/" + REPO + "/blobs/uploads/?mount=" + digest, new byte[0]);
        assertThat(withoutFrom.status()).isEqualTo(202);
        assertError(client.head("/v2/" + REPO + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
    }

    @Test
    default void configuredHeadersAndTheApiVersionAreOnEveryResponse() {
        TestClient client = start(settings -> settings.headers(Map.of("X-Content-Type-Options", List.of("nosniff"))));
        for (Response response : List.of(client.get("/v2/"), client.get("/v2/" + REPO + "/tags/list"),
                client.get("/v2/" + REPO + "/nowhere"))) {
            assertThat(response.header("Docker-Distribution-API-Version")).contains("registry/2.0");
            assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    default void interceptorsSeeTheRouteRepositoryAndSubject() {
        List<RouteInfo> routes = new CopyOnWriteArrayList<>();
        TestClient client = start(settings -> settings
                .accessController(request -> AccessDecision.granted(Optional.of("alice"), request.scopes()))
                .interceptor(chain -> {
                    HttpResponse response = chain.proceed(chain.request());
                    routes.add(response.route());
                    return response;
                }));
        client.get("/v2/" + REPO + "/manifests/v1");
        assertThat(routes).hasSize(1);
        RouteInfo route = routes.get(0);
        assertThat(route.name()).isEqualTo(RouteInfo.ROUTE_MANIFEST);
        assertThat(route.repository()).hasValueSatisfying(name -> assertThat(name.value()).isEqualTo(REPO));
        assertThat(route.reference()).contains("v1");
        assertThat(route.subject()).contains("alice");
    }

    @Test
    default void relativeUrlsAndHostShapeLocationHeaders() {
        TestClient relative = start(settings -> settings.relativeUrls(true));
        Response response = relative.send("POST", "/v2/" + REPO + "/blobs/uploads/", new byte[0]);
        assertThat(response.location()).startsWith("/").contains("/v2/" + REPO + "/blobs/uploads/");
        TestClient hosted = start(settings -> settings.host(java.net.URI.create("https://registry.example.com")));
        assertThat(hosted.send("POST", "/v2/" + REPO + "/blobs/uploads/", new byte[0]).location())
                .startsWith("https://registry.example.com/");
    }
}
