package dev.berth.server.config;

import dev.berth.auth.AccessController;
import dev.berth.auth.htpasswd.HtpasswdAccessController;
import dev.berth.auth.token.TokenAccessController;
import dev.berth.auth.token.TokenAuthSettings;
import dev.berth.server.RegistryServer;
import dev.berth.storage.ForeignUrlPolicy;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDrivers;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns a {@link RegistryConfig} into a running {@link RegistryServer}: the storage driver
 * named in {@code storage} (found through {@link StorageDrivers}), the registry on it, and the
 * server with the {@code http}, delete, redirect and read-only settings.
 *
 * <pre>{@code
 * RegistryConfig config = RegistryConfig.load(Path.of("config.yml"), System.getenv());
 * try (AssembledRegistry registry = ServerAssembly.builder(config).build().start()) {
 *     URI uri = registry.baseUri();
 * }
 * }</pre>
 *
 * <p>What the configuration asks for that Berth does not do yet is reported through the
 * warning sink ({@link #notYetSupported()}); an {@code auth} section that cannot be honoured
 * ({@code silly}) stops the start, since serving without it would open the registry to everyone.
 */
public final class ServerAssembly {

    private final RegistryConfig config;
    private final StorageDrivers storageDrivers;
    private final Clock clock;
    private final Optional<AccessController> accessController;
    private final Consumer<String> warnings;

    private ServerAssembly(Builder builder) {
        this.config = builder.config;
        this.storageDrivers = builder.storageDrivers != null ? builder.storageDrivers : StorageDrivers.discover();
        this.clock = builder.clock;
        this.accessController = Optional.ofNullable(builder.accessController);
        this.warnings = builder.warnings;
    }

    public static Builder builder(RegistryConfig config) {
        return new Builder(config);
    }

    /** The settings of the configuration that Berth reads but does not act on yet. */
    public List<String> notYetSupported() {
        return UnsupportedSettings.of(config);
    }

    /**
     * Creates the storage driver and starts the server. Warnings (settings not yet supported,
     * driver parameters the driver does not know, a generated secret) go to the warning sink.
     */
    public AssembledRegistry start() throws IOException {
        AccessController access = accessController();
        if (config.http().net().equals("unix")) {
            throw new ConfigException("http.net unix is not supported: Berth listens on TCP only");
        }
        notYetSupported().forEach(warnings);
        StorageDriver driver = storageDrivers.create(config.storage().driver());
        try {
            config.storage().driver().unreadKeys().forEach(key -> warnings.accept("storage." + config.storage().driverName()
                    + "." + key + " is not a parameter of the " + config.storage().driverName() + " driver and is ignored"));
            RegistryServer server = server(driver, access).build().start();
            return new AssembledRegistry(server, driver);
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    private RegistryServer.Builder server(StorageDriver driver, AccessController access) {
        HttpConfig http = config.http();
        StorageRegistry registry = StorageRegistry.builder(driver)
                .schema1Enabled(config.schema1().enabled())
                .validateForeignUrls(foreignUrls())
                .clock(clock)
                .build();
        RegistryServer.Builder server = RegistryServer.builder()
                .registry(registry)
                .accessController(access)
                .bindAddress(http.bindHost().isEmpty() ? "0.0.0.0" : http.bindHost())
                .port(http.port())
                .httpSecret(http.secret().orElseGet(this::generatedSecret))
                .deleteEnabled(config.storage().deleteEnabled())
                .readOnly(config.storage().maintenance().readOnly())
                .redirectsEnabled(!config.storage().redirectDisabled())
                .schema1Enabled(config.schema1().enabled())
                .relativeUrls(http.relativeUrls())
                .prefix(http.prefix())
                .headers(http.headers());
        http.host().ifPresent(server::host);
        if (http.tls().enabled()) {
            server.tls(http.tls().certificate().orElseThrow(), http.tls().key().orElseThrow());
        }
        if (!http.drainTimeout().isZero()) {
            server.shutdownGrace(http.drainTimeout());
        }
        return server;
    }

    /** distribution's {@code validation.manifests.urls}; with validation disabled no foreign layer is checked against it. */
    private ForeignUrlPolicy foreignUrls() {
        ValidationConfig validation = config.validation();
        return validation.active()
                ? new ForeignUrlPolicy(validation.allowUrls(), validation.denyUrls())
                : ForeignUrlPolicy.none();
    }

    /** The builder's controller, else the {@code auth} section's, else everyone may do everything (no {@code auth}). */
    private AccessController accessController() {
        if (accessController.isPresent()) {
            return accessController.get();
        }
        if (config.auth().isEmpty()) {
            return AccessController.allowAll();
        }
        AuthConfig auth = config.auth().get();
        if (auth instanceof AuthConfig.Token token) {
            return TokenAccessController.create(TokenAuthSettings.builder()
                    .realm(token.realm())
                    .service(token.service())
                    .issuer(token.issuer())
                    .rootCertBundle(token.rootCertBundle().orElse(null))
                    .jwks(token.jwks().orElse(null))
                    .signingAlgorithms(token.signingAlgorithms())
                    .autoRedirect(token.autoRedirect())
                    .autoRedirectPath(token.autoRedirectPath())
                    .clock(clock)
                    .build());
        }
        if (auth instanceof AuthConfig.Htpasswd htpasswd) {
            return new HtpasswdAccessController(htpasswd.realm(), htpasswd.path());
        }
        // Serving without the authentication the file asks for would open the registry to everyone.
        throw new ConfigException("auth." + auth.type() + " is not supported by Berth; refusing to serve without it"
                + " (use token or htpasswd)");
    }

    /** As distribution does without {@code http.secret}: fine for one process, wrong behind a load balancer. */
    private String generatedSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        warnings.accept("No HTTP secret provided - generated random secret. This may cause problems with uploads"
                + " if multiple registries are behind a load-balancer. To provide a shared secret, fill in http.secret"
                + " in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.");
        return HexFormat.of().formatHex(secret);
    }

    /** Options for assembling a registry beyond what config.yml says. */
    public static final class Builder {
        private final RegistryConfig config;
        private StorageDrivers storageDrivers;
        private Clock clock = Clock.systemUTC();
        private AccessController accessController;
        private Consumer<String> warnings = warning -> { };

        private Builder(RegistryConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Where driver factories come from; {@link StorageDrivers#discover()} by default. */
        public Builder storageDrivers(StorageDrivers storageDrivers) {
            this.storageDrivers = Objects.requireNonNull(storageDrivers, "storageDrivers");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Decides access instead of the configuration's {@code auth} section. */
        public Builder accessController(AccessController accessController) {
            this.accessController = Objects.requireNonNull(accessController, "accessController");
            return this;
        }

        /** Receives each warning about the configuration as the registry starts. */
        public Builder warnings(Consumer<String> warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        public ServerAssembly build() {
            return new ServerAssembly(this);
        }
    }
}
