package dev.berth.server.debug;

import dev.berth.api.store.Registry;
import dev.berth.server.config.HealthConfig;
import dev.berth.server.config.HttpConfig;
import dev.berth.server.config.LogConfig;
import dev.berth.server.config.NotificationsConfig;
import dev.berth.server.config.RegistryConfig;
import dev.berth.server.health.Checks;
import dev.berth.server.health.HealthChecks;
import dev.berth.server.health.HealthGate;
import dev.berth.server.http.Interceptor;
import dev.berth.server.log.AccessLog;
import dev.berth.server.metrics.GcRecorder;
import dev.berth.server.metrics.NotificationMeters;
import dev.berth.server.metrics.RegistryMetrics;
import dev.berth.server.metrics.RequestListener;
import dev.berth.server.metrics.RequestMeter;
import dev.berth.server.notify.Action;
import dev.berth.server.notify.EndpointConfig;
import dev.berth.server.notify.EndpointStats;
import dev.berth.server.notify.Event;
import dev.berth.server.notify.EventInterceptor;
import dev.berth.server.notify.NotificationSettings;
import dev.berth.server.notify.Notifier;
import dev.berth.storage.driver.StorageDriver;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.slf4j.event.Level;

/**
 * The operations side of a registry, assembled from {@code config.yml}: notifications,
 * health checks, metrics, the access log and the debug server. The server's assembly hands it
 * the storage driver, builds the registry on {@link #storageDriver()} (the driver with every
 * call timed), adds {@link #interceptors(Registry)} to the server, and closes it with the server.
 *
 * <p>Notification queues live under {@code queueDirectory}: distribution keeps its queues in
 * memory and has no key for them in {@code config.yml}.
 */
public final class Operations implements Closeable {

    /** The queue directory when the embedder names none: beside the default {@code ./registry-data}. */
    public static final Path DEFAULT_QUEUE_DIRECTORY = Path.of("registry-notifications");

    private final RegistryConfig config;
    private final Clock clock;
    private final StorageDriver driver;
    private final RegistryMetrics metrics = RegistryMetrics.prometheus();
    private final OkHttpClient client = new OkHttpClient();
    private final ScheduledExecutorService scheduler;
    private final HealthChecks health;
    private final Optional<Notifier> notifier;
    private final Event.Source source;
    private DebugServer debugServer;

    private Operations(RegistryConfig config, StorageDriver driver, Path queueDirectory, Clock clock)
            throws IOException {
        this.config = config;
        this.clock = clock;
        this.driver = metrics.instrument(driver);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "berth-health");
            thread.setDaemon(true);
            return thread;
        });
        this.health = new HealthChecks(scheduler, clock);
        this.source = new Event.Source(hostName() + ":" + config.http().port(), UUID.randomUUID().toString());
        NotificationsConfig notifications = config.notifications();
        if (notifications.endpoints().stream().anyMatch(endpoint -> !endpoint.disabled())) {
            NotificationSettings settings = new NotificationSettings(
                    notifications.endpoints().stream().map(Operations::endpoint).toList(),
                    notifications.includeReferences(), queueDirectory, 0);
            Notifier started = Notifier.start(settings, client);
            NotificationMeters.bind(started, metrics.registry());
            this.notifier = Optional.of(started);
        } else {
            this.notifier = Optional.empty();
        }
    }

    /**
     * Opens the notification queues (and starts delivering what they hold); nothing else runs
     * until {@link #start()}.
     */
    public static Operations create(RegistryConfig config, StorageDriver driver, Path queueDirectory, Clock clock)
            throws IOException {
        return new Operations(config, driver, queueDirectory, clock);
    }

    static EndpointConfig endpoint(NotificationsConfig.Endpoint endpoint) {
        Set<Action> actions = new HashSet<>();
        endpoint.ignoredActions().forEach(action -> actions.add(Action.parse(action)));
        return new EndpointConfig(endpoint.name(), endpoint.disabled(), endpoint.url(), endpoint.headers(),
                endpoint.timeout(), endpoint.threshold(), endpoint.backoff(), Set.copyOf(endpoint.ignoredMediaTypes()),
                actions);
    }

    /** The storage driver with its calls timed: build the registry on this one. */
    public StorageDriver storageDriver() {
        return driver;
    }

    /**
     * The server's interceptors, outermost first: the request meter (metrics and access log),
     * the health gate (503 while a check fails), the event source (when endpoints are configured).
     */
    public List<Interceptor> interceptors(Registry registry) {
        List<RequestListener> listeners = new ArrayList<>();
        listeners.add(metrics);
        LogConfig log = config.log();
        if (!log.accessLogDisabled()) {
            listeners.add(new AccessLog(Level.valueOf(log.level().name()), AccessLog.format(log.formatter()),
                    log.fields(), clock));
        }
        List<Interceptor> interceptors = new ArrayList<>();
        interceptors.add(new RequestMeter(listeners));
        interceptors.add(new HealthGate(health));
        notifier.ifPresent(n -> interceptors.add(new EventInterceptor(n, registry, source, config.http().host(), clock)));
        return List.copyOf(interceptors);
    }

    /** Starts the health checks and, with {@code http.debug.addr}, the debug server. */
    public Operations start() throws IOException {
        registerChecks(config.health());
        Optional<HttpConfig.Debug> debug = config.http().debug();
        if (debug.isPresent()) {
            // Berth serves the metrics whenever the debug server runs; distribution wants prometheus.enabled too.
            debugServer = DebugServer.builder()
                    .address(debug.get().addr())
                    .health(health)
                    .vars(new DebugVars(this::notificationStats, driver.name(), metrics.registry()))
                    .prometheus((PrometheusMeterRegistry) metrics.registry(), debug.get().prometheusPath())
                    .build()
                    .start();
        }
        return this;
    }

    private void registerChecks(HealthConfig checks) {
        HealthConfig.StorageDriverCheck storage = checks.storageDriver();
        if (storage.enabled()) {
            health.register(Checks.storageDriverName(driver), Checks.storageDriver(driver), storage.interval(),
                    storage.threshold());
        }
        for (HealthConfig.FileCheck file : checks.files()) {
            health.register(file.file().toString(), Checks.file(file.file()), file.interval(), file.threshold());
        }
        for (HealthConfig.HttpCheck http : checks.http()) {
            health.register(http.uri().toString(), Checks.http(client, http.uri(), http.headers(), http.statusCode(),
                    http.timeout()), http.interval(), http.threshold());
        }
        for (HealthConfig.TcpCheck tcp : checks.tcp()) {
            health.register(tcp.addr(), Checks.tcp(tcp.addr(), tcp.timeout(), tcp.interval()), tcp.interval(),
                    tcp.threshold());
        }
    }

    private List<EndpointStats> notificationStats() {
        return notifier.map(Notifier::stats).orElse(List.of());
    }

    public RegistryMetrics metrics() {
        return metrics;
    }

    /** Where whoever runs garbage collection in this process reports it. */
    public GcRecorder gcRecorder() {
        return metrics;
    }

    public HealthChecks health() {
        return health;
    }

    public Optional<Notifier> notifier() {
        return notifier;
    }

    /** The debug server, once started with {@code http.debug.addr} set. */
    public Optional<URI> debugUri() {
        return Optional.ofNullable(debugServer).map(DebugServer::baseUri);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Stops the debug server, the checks and delivery; queued events stay on disk for the next start. */
    @Override
    public void close() throws IOException {
        if (debugServer != null) {
            debugServer.close();
        }
        health.close();
        scheduler.shutdownNow();
        try {
            if (notifier.isPresent()) {
                notifier.get().close();
            }
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
