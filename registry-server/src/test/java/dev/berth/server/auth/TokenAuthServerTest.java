package dev.berth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.auth.Scope;
import dev.berth.auth.keys.KeyPairs;
import dev.berth.auth.keys.PemKeys;
import dev.berth.auth.token.TokenAccessController;
import dev.berth.auth.token.TokenAuthSettings;
import dev.berth.auth.token.TokenIssuer;
import dev.berth.server.RegistryServer;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.driver.WalkVisitor;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attack suite through the real HTTP server: every forged or insufficient token is
 * answered 401 with the right challenge, and the storage is byte-for-byte what it was.
 */
class TokenAuthServerTest {

    static final String SERVICE = "container_registry";
    static final String ISSUER = "berth-test-issuer";
    static final String REPO = "group/app";
    static final byte[] LAYER = "layer bytes".getBytes(StandardCharsets.UTF_8);
    static final byte[] CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    static KeyPairs.SigningPair signing;
    static TokenIssuer issuer;
    static InMemoryDriver driver;
    static RegistryServer server;
    static HttpClient client = HttpClient.newHttpClient();
    static Digest manifestDigest;
    static byte[] manifest;

    @BeforeAll
    static void start() throws Exception {
        signing = KeyPairs.generate(KeyPairs.Kind.RSA_2048, "issuer", Duration.ofDays(1), Clock.systemUTC());
        issuer = TokenIssuer.builder().issuer(ISSUER).signingKey(signing.keyPair()).build();
        Path bundle = Files.writeString(dir.resolve("registry.crt"), PemKeys.toPem(signing.certificate()));
        driver = new InMemoryDriver();
        server = RegistryServer.builder().registry(StorageRegistry.builder(driver).build())
                .accessController(TokenAccessController.create(TokenAuthSettings.builder()
                        .realm("https://auth.example/jwt/auth").service(SERVICE).issuer(ISSUER)
                        .rootCertBundle(bundle).build()))
                .httpSecret("attack-suite").deleteEnabled(true).port(0).build().start();
        String all = token(Scope.repository(REPO, "*"));
        putBlob(all, REPO, LAYER);
        putBlob(all, REPO, CONFIG);
        manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + Digest.sha256(CONFIG) + "\",\"size\":" + CONFIG.length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + Digest.sha256(LAYER) + "\",\"size\":"
                + LAYER.length + "}]}").getBytes(StandardCharsets.UTF_8);
        manifestDigest = Digest.sha256(manifest);
        assertThat(send("PUT", "/v2/" + REPO + "/manifests/v1", all, manifest).statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String token(Scope... access) {
        return issuer.issue(Optional.of("tester"), SERVICE, List.of(access)).token();
    }

    static HttpResponse<String> send(String method, String path, String token, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (path.contains("/manifests/")) {
            request.header("Content-Type", "application/vnd.oci.image.manifest.v1+json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void putBlob(String token, String repository, byte[] content) throws Exception {
        HttpResponse<String> response = send("POST", "/v2/" + repository + "/blobs/uploads/?digest="
                + Digest.sha256(content), token, content);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** Every path and size in storage: what "no data touched" is checked against. */
    static List<String> storage() throws Exception {
        List<String> entries = new ArrayList<>();
        driver.walk("/", entry -> {
            entries.add(entry.path() + " " + entry.size());
            return WalkVisitor.Decision.CONTINUE;
        });
        return entries;
    }

    /** What each write or privileged read would do with a token that must not allow it. */
    static List<HttpResponse<String>> tryEverything(String token) throws Exception {
        return List.of(
                send("POST", "/v2/" + REPO + "/blobs/uploads/", token, null),
                send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + Digest.sha256(new byte[] {1}), token, new byte[] {1}),
                send("PUT", "/v2/" + REPO + "/manifests/evil", token, manifest),
                send("DELETE", "/v2/" + REPO + "/manifests/" + manifestDigest, token, null),
                send("DELETE", "/v2/" + REPO + "/blobs/" + Digest.sha256(LAYER), token, null),
                send("GET", "/v2/_catalog", token, null));
    }

    static Stream<Arguments> forgedTokens() throws Exception {
        return ForgedTokens.all(signing, ISSUER, SERVICE, Instant.now(), REPO).entrySet().stream()
                .map(e -> Arguments.of(Named.of(e.getKey(), e.getValue())));
    }

    @ParameterizedTest
    @MethodSource("forgedTokens")
    void forgedTokenIsRefusedAsInvalidAndTouchesNothing(String token) throws Exception {
        List<String> before = storage();
        for (HttpResponse<String> response : tryEverything(token)) {
            assertThat(response.statusCode()).as("%s %s", response.request().method(), response.uri()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                    .startsWith("Bearer realm=\"https://auth.example/jwt/auth\",service=\"" + SERVICE + "\"")
                    .endsWith("error=\"invalid_token\"");
            assertThat(response.body()).contains("UNAUTHORIZED");
        }
        assertThat(storage()).isEqualTo(before);
    }

    @Test
    void noTokenIsChallengedWithTheScopeEachEndpointNeeds() throws Exception {
        List<String> before = storage();
        assertThat(send("GET", "/v2/", null, null).headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"https://auth.example/jwt/auth\",service=\"" + SERVICE + "\"");
        assertThat(send("POST", "/v2/" + REPO + "/blobs/uploads/", null, null).headers().firstValue("WWW-Authenticate"))
                .get().asString().contains("scope=\"repository:" + REPO + ":pull,push\"").doesNotContain("error=");
        assertThat(send("GET", "/v2/_catalog", null, null).headers().firstValue("WWW-Authenticate"))
                .get().asString().contains("scope=\"registry:catalog:*\"");
        assertThat(storage()).isEqualTo(before);
    }

    @Test
    void pullOnlyTokenReadsButCannotPushOrDelete() throws Exception {
        String pull = token(Scope.repository(REPO, "pull"));
        assertThat(send("GET", "/v2/" + REPO + "/manifests/v1", pull, null).statusCode()).isEqualTo(200);
        List<String> before = storage();
        HttpResponse<String> push = send("POST", "/v2/" + REPO + "/blobs/uploads/", pull, null);
        assertThat(push.statusCode()).isEqualTo(401);
        assertThat(push.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("scope=\"repository:" + REPO + ":pull,push\",error=\"insufficient_scope\"");
        HttpResponse<String> delete = send("DELETE", "/v2/" + REPO + "/manifests/" + manifestDigest, pull, null);
        assertThat(delete.statusCode()).isEqualTo(401);
        assertThat(delete.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("scope=\"repository:" + REPO + ":delete\",error=\"insufficient_scope\"");
        assertThat(storage()).isEqualTo(before);
    }

    @Test
    void tokenForAnotherRepositoryAndCatalogWithoutScopeAreInsufficient() throws Exception {
        String other = token(Scope.repository("team-b/app", "*"));
        List<String> before = storage();
        for (HttpResponse<String> response : List.of(send("GET", "/v2/" + REPO + "/manifests/v1", other, null),
                send("GET", "/v2/_catalog", other, null))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                    .endsWith("error=\"insufficient_scope\"");
        }
        assertThat(send("GET", "/v2/_catalog", token(Scope.catalog()), null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v2/", other, null).statusCode()).isEqualTo(200);
        assertThat(storage()).isEqualTo(before);
    }

    @Test
    void mountWithoutPullOnTheSourceBecomesAPlainUpload() throws Exception {
        String target = token(Scope.repository("team-b/app", "pull", "push"));
        HttpResponse<String> mount = send("POST", "/v2/team-b/app/blobs/uploads/?mount=" + Digest.sha256(LAYER)
                + "&from=" + REPO, target, null);
        assertThat(mount.statusCode()).isEqualTo(202);
        assertThat(send("HEAD", "/v2/team-b/app/blobs/" + Digest.sha256(LAYER), target, null).statusCode())
                .isEqualTo(404);
        String both = token(Scope.repository("team-b/app", "pull", "push"), Scope.repository(REPO, "pull"));
        assertThat(send("POST", "/v2/team-b/app/blobs/uploads/?mount=" + Digest.sha256(LAYER) + "&from=" + REPO,
                both, null).statusCode()).isEqualTo(201);
    }

    @Test
    void autoRedirectNamesThisRegistryAsTheRealm() throws Exception {
        try (RegistryServer redirecting = RegistryServer.builder().registry(StorageRegistry.builder(new InMemoryDriver()).build())
                .accessController(TokenAccessController.create(TokenAuthSettings.builder()
                        .realm("https://unused.example/").service(SERVICE).issuer(ISSUER)
                        .rootCertBundle(dir.resolve("registry.crt")).autoRedirect(true).build()))
                .httpSecret("redirect").port(0).build().start()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(redirecting.baseUri().resolve("/v2/"))
                    .header("X-Forwarded-Proto", "http").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"http://"
                    + redirecting.baseUri().getAuthority() + "/auth/token\",service=\"" + SERVICE + "\"");
        }
    }
}
