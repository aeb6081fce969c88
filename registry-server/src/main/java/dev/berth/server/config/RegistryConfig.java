package dev.berth.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * distribution's {@code config.yml}, typed. Read it with {@link #load(Path, Map)} (the map is
 * the environment, whose {@code REGISTRY_*} variables override the file exactly as
 * distribution applies them), or start from {@link #defaults(Map)}: 127.0.0.1:5000,
 * filesystem storage under {@code ./registry-data}, delete enabled, no auth.
 *
 * <p>Every section distribution knows is read, whether or not Berth acts on it yet, so that
 * the program can say which ones it does not support instead of ignoring them. Keys nothing
 * knows, and overrides that name nothing, end up in {@link #warnings()}.
 */
public record RegistryConfig(
        String version,
        LogConfig log,
        StorageConfig storage,
        HttpConfig http,
        Optional<AuthConfig> auth,
        MiddlewareConfig middleware,
        ReportingConfig reporting,
        NotificationsConfig notifications,
        Optional<RedisConfig> redis,
        HealthConfig health,
        int catalogMaxEntries,
        Optional<ProxyConfig> proxy,
        Schema1 schema1,
        ValidationConfig validation,
        List<String> policyRepositoryClasses,
        List<String> warnings) {

    /** The only configuration version distribution defines. */
    public static final String VERSION = "0.1";

    private static final String DEFAULT_RESOURCE = "default-config.yml";

    /** {@code compatibility.schema1}: whether Docker schema 1 manifests are accepted, and the key that would sign them. */
    public record Schema1(boolean enabled, Optional<Path> signingKeyFile) {
        public Schema1 {
            Objects.requireNonNull(signingKeyFile, "signingKeyFile");
        }
    }

    public RegistryConfig {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(middleware, "middleware");
        Objects.requireNonNull(reporting, "reporting");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(schema1, "schema1");
        Objects.requireNonNull(validation, "validation");
        if (catalogMaxEntries <= 0) {
            throw new ConfigException("catalog.maxentries must be positive");
        }
        policyRepositoryClasses = List.copyOf(policyRepositoryClasses);
        warnings = List.copyOf(warnings);
    }

    /** Reads {@code file}, then applies the {@code REGISTRY_*} variables of {@code environment}. */
    public static RegistryConfig load(Path file, Map<String, String> environment) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), environment);
    }

    /** Parses configuration text; {@code source} names it in messages. */
    public static RegistryConfig parse(String yaml, String source, Map<String, String> environment) {
        List<String> warnings = new ArrayList<>();
        YamlTree reader = new YamlTree();
        JsonNode tree = reader.parse(yaml, source);
        String version = tree.isObject() && tree.hasNonNull("version") && tree.get("version").isValueNode()
                ? tree.get("version").asText() : "";
        if (!VERSION.equals(version)) {
            throw new ConfigException(source + ": unsupported version: \"" + version + "\" (distribution's format is version: " + VERSION + ")");
        }
        EnvironmentOverrides.namesToSections(tree);
        tree = new EnvironmentOverrides(reader, warnings).apply(tree, environment);
        UnknownKeys.report(tree, ConfigSchema.CONFIGURATION, "", warnings);
        return bind(new ConfigNode(tree, "", warnings), warnings);
    }

    /** The embedded default configuration, with the {@code REGISTRY_*} variables of {@code environment} applied. */
    public static RegistryConfig defaults(Map<String, String> environment) {
        return parse(defaultYaml(), "the embedded default configuration", environment);
    }

    /** The text of the embedded default configuration. */
    public static String defaultYaml() {
        try (InputStream in = RegistryConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RegistryConfig bind(ConfigNode root, List<String> warnings) {
        ConfigNode schema1 = root.get("compatibility").get("schema1");
        int maxEntries = root.get("catalog").integer("maxentries", 0);
        RegistryConfig config = new RegistryConfig(
                root.required("version"),
                LogConfig.from(root.get("log"), root.get("loglevel")),
                StorageConfig.from(root.get("storage")),
                HttpConfig.from(root.get("http")),
                AuthConfig.from(root.get("auth")),
                MiddlewareConfig.from(root.get("middleware")),
                ReportingConfig.from(root.get("reporting")),
                NotificationsConfig.from(root.get("notifications")),
                RedisConfig.from(root.get("redis")),
                HealthConfig.from(root.get("health")),
                maxEntries > 0 ? maxEntries : 1000,
                ProxyConfig.from(root.get("proxy")),
                new Schema1(schema1.bool("enabled", false), schema1.file("signingkeyfile")),
                ValidationConfig.from(root.get("validation")),
                root.get("policy").get("repository").strings("classes"),
                List.of());
        return config.withWarnings(warnings);
    }

    /** This configuration with {@code warnings} in place of its own. */
    RegistryConfig withWarnings(List<String> newWarnings) {
        return new RegistryConfig(version, log, storage, http, auth, middleware, reporting, notifications, redis,
                health, catalogMaxEntries, proxy, schema1, validation, policyRepositoryClasses, newWarnings);
    }
}
