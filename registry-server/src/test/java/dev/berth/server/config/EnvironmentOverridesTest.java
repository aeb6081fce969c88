package dev.berth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REGISTRY_* overrides, checked against what distribution's configuration/parser.go does with them. */
class EnvironmentOverridesTest {

    private static final String FILESYSTEM = """
            version: 0.1
            storage:
              filesystem:
                rootdirectory: /var/lib/registry
            http:
              addr: :5000
            """;

    private static RegistryConfig parse(String yaml, Map<String, String> environment) {
        return RegistryConfig.parse(yaml, "config.yml", environment);
    }

    @Test
    void scalarFieldsAreReplaced() {
        RegistryConfig config = parse(FILESYSTEM, Map.of(
                "REGISTRY_HTTP_RELATIVEURLS", "true",
                "REGISTRY_HTTP_ADDR", ":5001",
                "REGISTRY_HTTP_SECRET", "s3cr3t",
                "REGISTRY_LOG_LEVEL", "debug",
                "REGISTRY_HTTP_DRAINTIMEOUT", "15s"));

        assertThat(config.warnings()).isEmpty();
        assertThat(config.http().relativeUrls()).isTrue();
        assertThat(config.http().port()).isEqualTo(5001);
        assertThat(config.http().secret()).contains("s3cr3t");
        assertThat(config.log().level()).isEqualTo(LogConfig.Level.DEBUG);
        assertThat(config.http().drainTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void driverParameterIsReplacedInTheExistingDriverSection() {
        RegistryConfig config = parse(FILESYSTEM, Map.of("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", "/data"));

        assertThat(config.storage().driverName()).isEqualTo("filesystem");
        assertThat(config.storage().driver().string("rootdirectory")).contains("/data");
    }

    @Test
    void storageVariableSelectsTheDriverAndMoreSpecificVariablesFillItIn() {
        // Lexical order applies REGISTRY_STORAGE first, replacing the whole storage section.
        RegistryConfig config = parse(FILESYSTEM + "  delete:\n    enabled: true\n".replace("  delete", "storageX"),
                Map.of("REGISTRY_STORAGE", "s3",
                        "REGISTRY_STORAGE_S3_BUCKET", "images",
                        "REGISTRY_STORAGE_S3_REGION", "eu-west-1",
                        "REGISTRY_STORAGE_DELETE_ENABLED", "true"));

        assertThat(config.storage().driverName()).isEqualTo("s3");
        assertThat(config.storage().driver().asMap()).containsOnly(Map.entry("bucket", "images"), Map.entry("region", "eu-west-1"));
        assertThat(config.storage().deleteEnabled()).isTrue();
    }

    @Test
    void storageSectionsAreCreatedWhenTheFileHasNone() {
        RegistryConfig config = parse(FILESYSTEM, Map.of(
                "REGISTRY_STORAGE_DELETE_ENABLED", "true",
                "REGISTRY_STORAGE_REDIRECT_DISABLE", "true",
                "REGISTRY_STORAGE_MAINTENANCE_READONLY", "{enabled: true}",
                "REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_ENABLED", "false"));

        assertThat(config.warnings()).isEmpty();
        assertThat(config.storage().deleteEnabled()).isTrue();
        assertThat(config.storage().redirectDisabled()).isTrue();
        assertThat(config.storage().maintenance().readOnly()).isTrue();
        assertThat(config.storage().maintenance().uploadPurging().enabled()).isFalse();
    }

    @Test
    void readOnlyCanAlsoBeSwitchedByItsEnabledKey() {
        RegistryConfig config = parse(FILESYSTEM, Map.of("REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED", "true"));

        assertThat(config.storage().maintenance().readOnly()).isTrue();
    }

    @Test
    void driverFromTheEnvironmentBesideOneInTheFileIsRefused() {
        assertThatThrownBy(() -> parse(FILESYSTEM, Map.of("REGISTRY_STORAGE_S3_BUCKET", "images")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exactly one driver");
    }

    @Test
    void authSectionsAreBuiltFromVariablesAlone() {
        RegistryConfig config = parse(FILESYSTEM, Map.of(
                "REGISTRY_AUTH_TOKEN_REALM", "https://auth.example.com/token",
                "REGISTRY_AUTH_TOKEN_SERVICE", "registry",
                "REGISTRY_AUTH_TOKEN_ISSUER", "issuer",
                "REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE", "/certs/bundle.pem"));

        assertThat(config.auth()).get().isInstanceOfSatisfying(AuthConfig.Token.class, token -> {
            assertThat(token.realm()).isEqualTo("https://auth.example.com/token");
            assertThat(token.rootCertBundle()).contains(Path.of("/certs/bundle.pem"));
        });
    }

    @Test
    void authVariableNamesTheControllerType() {
        RegistryConfig config = parse(FILESYSTEM, Map.of(
                "REGISTRY_AUTH", "htpasswd",
                "REGISTRY_AUTH_HTPASSWD_REALM", "Registry Realm",
                "REGISTRY_AUTH_HTPASSWD_PATH", "/auth/htpasswd"));

        assertThat(config.auth()).contains(new AuthConfig.Htpasswd("Registry Realm", Path.of("/auth/htpasswd")));
    }

    @Test
    void lastSegmentSetsALowerCasedMapKeyBesideTheFilesOwnSpellingAsDistributionDoes() {
        RegistryConfig config = parse(FILESYSTEM + "  headers:\n    X-Frame-Options: [DENY]\n",
                Map.of("REGISTRY_HTTP_HEADERS_X-FRAME-OPTIONS", "[SAMEORIGIN]",
                        "REGISTRY_HTTP_HEADERS_X-NEW", "[one, two]"));

        assertThat(config.http().headers())
                .containsEntry("X-Frame-Options", List.of("DENY"))
                .containsEntry("x-frame-options", List.of("SAMEORIGIN"))
                .containsEntry("x-new", List.of("one", "two"));
    }

    @Test
    void innerSegmentsMatchExistingMapKeysCaseInsensitively() {
        RegistryConfig config = parse("""
                version: 0.1
                storage:
                  FileSystem:
                    rootdirectory: /var/lib/registry
                """, Map.of("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", "/data"));

        assertThat(config.storage().driverName()).isEqualTo("FileSystem");
        assertThat(config.storage().driver().string("rootdirectory")).contains("/data");
    }

    @Test
    void goFieldNamesThatDifferFromYamlKeysAreTheOnesMatched() {
        RegistryConfig config = parse(FILESYSTEM, Map.of(
                "REGISTRY_NOTIFICATIONS_EVENTCONFIG_INCLUDEREFERENCES", "true",
                "REGISTRY_COMPATIBILITY_SCHEMA1_TRUSTKEY", "/key.json",
                "REGISTRY_VALIDATION_MANIFESTS_URLS_ALLOW", "['^https://']"));

        assertThat(config.warnings()).isEmpty();
        assertThat(config.notifications().includeReferences()).isTrue();
        assertThat(config.schema1().signingKeyFile()).contains(Path.of("/key.json"));
        assertThat(config.validation().allowUrls()).hasSize(1);
    }

    @Test
    void listEntriesAreAddressedByIndexAndAppendedAtTheEnd() {
        RegistryConfig config = parse(FILESYSTEM, Map.of(
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_NAME", "listener",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_URL", "http://listener.example/events",
                "REGISTRY_NOTIFICATIONS_ENDPOINTS_0_TIMEOUT", "2s"));

        assertThat(config.notifications().endpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.name()).isEqualTo("listener");
            assertThat(endpoint.url()).isEqualTo(URI.create("http://listener.example/events"));
            assertThat(endpoint.timeout()).isEqualTo(Duration.ofSeconds(2));
        });
        assertThatThrownBy(() -> parse(FILESYSTEM, Map.of("REGISTRY_NOTIFICATIONS_ENDPOINTS_3_NAME", "x")))
                .hasMessageContaining("REGISTRY_NOTIFICATIONS_ENDPOINTS_3_NAME").hasMessageContaining("undefined index: 3");
    }

    @Test
    void wholeSectionsCanBeGivenAsYaml() {
        RegistryConfig config = parse(FILESYSTEM, Map.of("REGISTRY_HTTP_TLS", "{certificate: /c.pem, key: /k.pem}"));

        assertThat(config.http().tls().certificate()).contains(Path.of("/c.pem"));
    }

    @Test
    void unrecognizedVariablesAreReportedAndOthersLeftAlone() {
        RegistryConfig config = parse(FILESYSTEM, Map.of(
                "REGISTRY_HTTP_RELATIVEURL", "true",
                "REGISTRY_http_addr", ":6000",
                "REGISTRY_HTTP_ADDR_PORT", "6000",
                "REGISTRY_CONFIGURATION_PATH", "/etc/docker/registry/config.yml",
                "PATH", "/usr/bin",
                "REGISTRYX", "1"));

        assertThat(config.http().port()).isEqualTo(5000);
        assertThat(config.warnings()).containsExactlyInAnyOrder(
                "ignoring unrecognized environment variable REGISTRY_HTTP_RELATIVEURL",
                "ignoring unrecognized environment variable REGISTRY_http_addr",
                "ignoring environment variable REGISTRY_HTTP_ADDR_PORT: port is below a single value, not a section");
    }

    @Test
    void overridesApplyToTheEmbeddedDefault() {
        RegistryConfig config = RegistryConfig.defaults(Map.of("REGISTRY_HTTP_ADDR", "127.0.0.1:0"));

        assertThat(config.http().port()).isZero();
        assertThat(config.storage().deleteEnabled()).isTrue();
    }

    @Test
    void invalidYamlInAVariableNamesTheVariable() {
        assertThatThrownBy(() -> parse(FILESYSTEM, Map.of("REGISTRY_HTTP_HEADERS", "{unclosed")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("REGISTRY_HTTP_HEADERS");
    }
}
