package dev.berth.server.config;

import dev.berth.auth.AccessController;
import dev.berth.auth.htpasswd.HtpasswdAccessController;
import dev.berth.auth.token.TokenAccessController;
import dev.berth.auth.token.TokenAuthSettings;
import dev.berth.gc.GcOptions;
import dev.berth.gc.GcReport;
import dev.berth.gc.schedule.WeeklySchedule;
import dev.berth.server.RegistryServer;
import dev.berth.server.ServerTransport;
import dev.berth.server.debug.Operations;
import dev.berth.storage.ForeignUrlPolicy;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDrivers;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Turns a {@link RegistryConfig} into a running {@link RegistryServer}: the storage driver
 * named in {@code storage} (found through {@link StorageDrivers}), the registry on it, the
 * server with the {@code http}, {@code auth}, delete, redirect and read-only settings, the
 * {@linkplain Operations operations} ({@code log}, {@code health}, {@code notifications},
 * {@code http.debug}) and the maintenance tasks (upload purging, a scheduled collection).
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
    private final Path notificationQueues;
    private final Optional<MaintenanceTasks.ScheduledGc> scheduledGc;
    private final Consumer<GcReport> gcReports;
    private final ServerTransport transport;

    private ServerAssembly(Builder builder) {
        this.transport = builder.transport != null ? builder.transport : ServerTransport.discover();
        this.scheduledGc = Optional.ofNullable(builder.scheduledGc);
        this.gcReports = builder.gcReports;
        this.config = builder.config;
        this.storageDrivers = builder.storageDrivers != null ? builder.storageDrivers : StorageDrivers.discover();
        this.clock = builder.clock;
        this.accessController = Optional.ofNullable(builder.accessController);
        this.warnings = builder.warnings;
        this.notificationQueues = builder.notificationQueues;
    }

    public static Builder builder(RegistryConfig config) {
        return new Builder(config);
    }

    /** The settings of the configuration that Berth reads but does not act on yet. */
    public List<String> notYetSupported() {
        return UnsupportedSettings.of(config);
    }

    /**
     * Creates the storage driver and starts the server with its operations (access log,
     * metrics, health checks, notifications, debug server) and its maintenance (upload purging,
     * a scheduled collection). Warnings (settings not yet supported, driver parameters the
     * driver does not know, a generated secret) go to the warning sink.
     */
    public AssembledRegistry start() throws IOException {
        AccessController access = accessController();
        if (config.http().net().equals("unix")) {
            throw new ConfigException("http.net unix is not supported: Berth listens on TCP only");
        }
        notYetSupported().forEach(warnings);
        List<AutoCloseable> closingOrder = new ArrayList<>();
        try {
            StorageDriver driver = storageDrivers.create(config.storage().driver());
            closingOrder.add(driver);
            config.storage().driver().unreadKeys().forEach(key -> warnings.accept("storage." + config.storage().driverName()
                    + "." + key + " is not a parameter of the " + config.storage().driverName() + " driver and is ignored"));
            Operations operations = Operations.create(config, driver, notificationQueues, clock);
            closingOrder.add(0, operations);
            StorageRegistry registry = registry(operations.storageDriver());
            operations.start();
            RegistryServer.Builder builder = server(registry, access);
            operations.interceptors(registry).forEach(builder::interceptor);
            RegistryServer server = builder.build().start();
            closingOrder.add(0, server);
            closingOrder.add(0, maintenance(operations.storageDriver(), registry, operations));
            return new AssembledRegistry(server, operations, closingOrder);
        } catch (IOException | RuntimeException e) {
            AssembledRegistry.closeAll(closingOrder, e);
            throw e;
        }
    }

    private StorageRegistry registry(StorageDriver driver) {
        return StorageRegistry.builder(driver)
                .schema1Enabled(config.schema1().enabled())
                .validateForeignUrls(foreignUrls())
                .clock(clock)
                .build();
    }

    /**
     * Upload purging as {@code storage.maintenance.uploadpurging} says (never in read-only mode,
     * as in distribution), and the embedder's scheduled garbage collection, if any.
     */
    private MaintenanceTasks maintenance(StorageDriver driver, StorageRegistry registry, Operations operations) {
        StorageConfig.Maintenance maintenance = config.storage().maintenance();
        StorageConfig.UploadPurging purging = maintenance.readOnly()
                ? new StorageConfig.UploadPurging(false, maintenance.uploadPurging().age(),
                        maintenance.uploadPurging().interval(), maintenance.uploadPurging().dryRun())
                : maintenance.uploadPurging();
        // Each scheduled collection also shows in /metrics (registry_gc_*).
        Consumer<GcReport> reports = gcReports.andThen(report -> operations.gcRecorder().collected(report.dryRun(),
                report.duration(), report.deletedBlobs().size(), report.deletedManifests().size(), report.bytesFreed()));
        return MaintenanceTasks.start(driver, registry, purging, scheduledGc, clock, reports,
                () -> ThreadLocalRandom.current().nextLong(60));
    }

    private RegistryServer.Builder server(StorageRegistry registry, AccessController access) {
        HttpConfig http = config.http();
        RegistryServer.Builder server = RegistryServer.builder()
                .transport(transport)
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
        private Path notificationQueues = Operations.DEFAULT_QUEUE_DIRECTORY;
        private MaintenanceTasks.ScheduledGc scheduledGc;
        private Consumer<GcReport> gcReports = report -> { };
        private ServerTransport transport;

        private Builder(RegistryConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Where driver factories come from; {@link StorageDrivers#discover()} by default. */
        public Builder storageDrivers(StorageDrivers storageDrivers) {
            this.storageDrivers = Objects.requireNonNull(storageDrivers, "storageDrivers");
            return this;
        }

        /**
         * The HTTP server to run on; by default {@link ServerTransport#discover()}: the one the
         * class path names (the {@code berth} program carries Jetty's), else the JDK's.
         */
        public Builder transport(ServerTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
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

        /**
         * Runs an online garbage collection inside the server on {@code schedule} (e.g.
         * {@code WeeklySchedule.parse("Sunday 04:05")}, in the system time zone), logging each
         * run's report. The options must have a grace period: the registry keeps serving pushes.
         */
        public Builder garbageCollection(WeeklySchedule schedule, GcOptions options) {
            if (!options.online()) {
                throw new IllegalArgumentException("a scheduled collection runs beside pushes and needs a grace period");
            }
            this.scheduledGc = new MaintenanceTasks.ScheduledGc(schedule, options, ZoneId.systemDefault());
            return this;
        }

        /** Receives the report of each scheduled collection (metrics, say), besides the log. */
        public Builder gcReports(Consumer<GcReport> reports) {
            this.gcReports = Objects.requireNonNull(reports, "reports");
            return this;
        }

        /**
         * Where notification queues are kept ({@code ./registry-notifications} by default):
         * events wait there, on disk, until their endpoint takes them.
         */
        public Builder notificationQueues(Path directory) {
            this.notificationQueues = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public ServerAssembly build() {
            return new ServerAssembly(this);
        }
    }
}
