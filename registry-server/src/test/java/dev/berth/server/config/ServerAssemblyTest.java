package dev.berth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerAssemblyTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> warnings = new ArrayList<>();

    private static final String BASE = """
            version: 0.1
            log:
              accesslog:
                disabled: true
            storage:
              inmemory:
              maintenance:
                uploadpurging:
                  enabled: false
            http:
              addr: 127.0.0.1:0
              secret: test-secret
              draintimeout: 1ms
            """;

    private static RegistryConfig config(String extra) {
        return config(extra, Map.of());
    }

    private static RegistryConfig config(String extra, Map<String, String> environment) {
        return RegistryConfig.parse(BASE + extra, "test config", environment);
    }

    private static RegistryConfig withBase(String yaml) {
        return RegistryConfig.parse(yaml, "test config", Map.of());
    }

    private AssembledRegistry start(RegistryConfig config) throws Exception {
        return ServerAssembly.builder(config).warnings(warnings::add).build().start();
    }

    private HttpResponse<String> send(URI base, String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void configuredRegistryAnswersTheApiWithConfiguredHeadersAndNoWarnings() throws Exception {
        try (AssembledRegistry registry = start(config("  headers:\n    X-Content-Type-Options: [nosniff]\n"))) {
            HttpResponse<String> response = send(registry.baseUri(), "GET", "/v2/");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void readOnlyMaintenanceModeRefusesWritesWith405Unsupported() throws Exception {
        RegistryConfig readOnly = config("", Map.of("REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED", "true"));
        try (AssembledRegistry registry = start(readOnly)) {
            HttpResponse<String> response = send(registry.baseUri(), "POST", "/v2/library/app/blobs/uploads/");

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.body()).contains("UNSUPPORTED");
            assertThat(send(registry.baseUri(), "GET", "/v2/_catalog").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void deleteIsRefusedUnlessEnabled() throws Exception {
        String path = "/v2/library/app/blobs/sha256:" + "a".repeat(64);
        try (AssembledRegistry registry = start(config(""))) {
            assertThat(send(registry.baseUri(), "DELETE", path).statusCode()).isEqualTo(405);
        }
        try (AssembledRegistry registry = start(config("", Map.of("REGISTRY_STORAGE_DELETE_ENABLED", "true")))) {
            assertThat(send(registry.baseUri(), "DELETE", path).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void prefixMovesTheApi() throws Exception {
        try (AssembledRegistry registry = start(config("  prefix: /registry/\n"))) {
            assertThat(registry.baseUri().getPath()).isEqualTo("/registry/");
            assertThat(send(registry.baseUri(), "GET", "/registry/v2/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void settingsNotActedOnAreReportedAsNotYetSupported() throws Exception {
        RegistryConfig config = config("""
                redis:
                  addr: localhost:6379
                proxy:
                  remoteurl: https://registry-1.docker.io
                reporting:
                  bugsnag:
                    apikey: key
                """);
        try (AssembledRegistry registry = start(config)) {
            assertThat(send(registry.baseUri(), "GET", "/v2/").statusCode()).isEqualTo(200);
            assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("redis is not yet supported"))
                    .anySatisfy(w -> assertThat(w).startsWith("proxy is not yet supported: this is a plain registry"))
                    .anySatisfy(w -> assertThat(w).startsWith("reporting is not yet supported"));
        }
    }

    @Test
    void debugServerServesHealthAndMetricsOfTheRegistry() throws Exception {
        try (AssembledRegistry registry = start(config("  debug:\n    addr: 127.0.0.1:0\n"))) {
            assertThat(send(registry.baseUri(), "GET", "/v2/").statusCode()).isEqualTo(200);
            URI debug = registry.operations().debugUri().orElseThrow();

            assertThat(send(debug, "GET", "/debug/health").statusCode()).isEqualTo(200);
            assertThat(send(debug, "GET", "/metrics").body()).contains("registry");
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void driverParametersTheDriverDoesNotReadAreReported(@TempDir Path root) throws Exception {
        RegistryConfig config = withBase(BASE.replace("  inmemory:\n",
                "  filesystem:\n    rootdirectory: " + root + "\n    rootdirectroy: /typo\n"));
        try (AssembledRegistry registry = start(config)) {
            assertThat(send(registry.baseUri(), "GET", "/v2/").statusCode()).isEqualTo(200);
            assertThat(warnings).contains(
                    "storage.filesystem.rootdirectroy is not a parameter of the filesystem driver and is ignored");
        }
    }

    @Test
    void missingSecretIsGeneratedWithDistributionsWarning() throws Exception {
        RegistryConfig config = withBase(BASE.replace("  secret: test-secret\n", ""));
        try (AssembledRegistry registry = start(config)) {
            assertThat(send(registry.baseUri(), "GET", "/v2/").statusCode()).isEqualTo(200);
            assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("No HTTP secret provided - generated random secret."));
        }
    }

    @Test
    void htpasswdAuthIsEnforced(@TempDir Path dir) throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, "admin:" + BCrypt.withDefaults().hashToString(4, "secret".toCharArray()) + "\n");
        try (AssembledRegistry registry = start(config("auth:\n  htpasswd:\n    realm: test-realm\n    path: " + htpasswd + "\n"))) {
            HttpResponse<String> anonymous = send(registry.baseUri(), "GET", "/v2/");
            HttpResponse<String> admin = client.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).contains("Basic").contains("test-realm"));
            assertThat(admin.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void authThatCannotBeHonouredStopsTheStartInsteadOfServingOpen() {
        assertThatThrownBy(() -> start(config("auth:\n  silly:\n    realm: r\n    service: s\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.silly is not supported");
    }

    @Test
    void unixSocketsAreRefused() {
        assertThatThrownBy(() -> start(config("  net: unix\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.net unix");
    }

    @Test
    void unknownDriverNamesTheAvailableOnes() {
        RegistryConfig config = withBase(BASE.replace("  inmemory:\n", "  swift:\n    container: c\n"));
        assertThatThrownBy(() -> start(config)).hasMessageContaining("unknown storage driver 'swift'")
                .hasMessageContaining("filesystem").hasMessageContaining("inmemory");
    }
}
