package dev.berth.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.berth.api.store.Registry;
import dev.berth.auth.AccessController;
import dev.berth.server.http.Interceptor;
import dev.berth.server.http.RegistryHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry on the JDK's built-in HTTP server ({@code com.sun.net.httpserver}): nothing to
 * add to an application's classpath to embed a registry.
 *
 * <pre>{@code
 * try (RegistryServer server = RegistryServer.builder().registry(registry).port(0).build().start()) {
 *     URI uri = server.baseUri();   // http://127.0.0.1:<port>/
 * }
 * }</pre>
 *
 * <p>Requests run on virtual threads when the JDK has them (21+), else on a bounded pool.
 * Blobs stream both ways; request and response bodies of unknown length are chunked.
 *
 * <p>Timeouts and header limits are those of the JDK server, set (JVM-wide, so Berth leaves
 * them to the application) with system properties: {@code sun.net.httpserver.idleInterval}
 * (idle keep-alive connections, 30 s by default), {@code sun.net.httpserver.maxReqHeaders}
 * and {@code sun.net.httpserver.maxReqHeaderSize} (header count and bytes),
 * {@code sun.net.httpserver.maxReqTime} / {@code maxRspTime} (a whole request or response,
 * body included: leave unset when pushing large blobs). Manifest bodies are capped by the
 * handler (4 MiB by default, then 413); blob bodies are streamed to storage and not capped.
 *
 * <p>{@link #close()} stops accepting connections and lets requests in flight finish, for up
 * to the {@linkplain Builder#shutdownGrace grace period}.
 */
public final class RegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

    private final RegistryHandler handler;
    private final String bindAddress;
    private final int port;
    private final String prefix;
    private final Path certificate;
    private final Path key;
    private final int maxThreads;
    private final Duration shutdownGrace;
    private final InFlight inFlight = new InFlight();
    private HttpServer server;
    private ExecutorService executor;
    private URI baseUri;

    private RegistryServer(Builder builder) {
        this.handler = builder.handler != null ? builder.handler : builder.handlerBuilder.build();
        this.bindAddress = builder.bindAddress;
        this.port = builder.port;
        this.prefix = normalizePrefix(builder.prefix);
        this.certificate = builder.certificate;
        this.key = builder.key;
        this.maxThreads = builder.maxThreads;
        this.shutdownGrace = builder.shutdownGrace;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; returns this server. */
    public synchronized RegistryServer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        enableNoDelay();
        try {
            InetSocketAddress address = new InetSocketAddress(bindAddress, port);
            boolean tls = certificate != null;
            HttpServer created = tls ? HttpsServer.create(address, 0) : HttpServer.create(address, 0);
            if (tls) {
                ((HttpsServer) created).setHttpsConfigurator(new HttpsConfigurator(PemTls.context(certificate, key)));
            }
            executor = newExecutor(maxThreads);
            created.setExecutor(executor);
            created.createContext(prefix.isEmpty() ? "/" : prefix + "/",
                    new JdkHttpAdapter(handler, prefix, tls ? "https" : "http", inFlight));
            created.start();
            server = created;
            InetSocketAddress bound = created.getAddress();
            String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            baseUri = URI.create((tls ? "https" : "http") + "://" + host + ":" + bound.getPort() + prefix + "/");
            LOG.info("listening on {}", baseUri);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + port, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use TLS certificate " + certificate + " and key " + key
                    + ": " + e.getMessage(), e);
        }
    }

    /** The URL the registry answers on, with the bound port and the prefix, ending in {@code /}. */
    public synchronized URI baseUri() {
        if (baseUri == null) {
            throw new IllegalStateException("not started");
        }
        return baseUri;
    }

    /** The handler this server carries requests to. */
    public RegistryHandler handler() {
        return handler;
    }

    /**
     * Stops: new requests are answered 503 at once, requests in flight get up to the grace
     * period to finish, then the listener and every connection close. (The JDK server's own
     * {@code stop(delay)} waits out the whole delay on Java 17 even when idle, so Berth counts
     * its requests itself and stops the server only once they are done.)
     */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        inFlight.close();
        try {
            if (!inFlight.awaitIdle(shutdownGrace.toMillis())) {
                LOG.warn("requests still in flight after {}; stopping anyway", shutdownGrace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
        LOG.info("stopped {}", baseUri);
    }

    /**
     * The JDK server of Java 17 writes a response's headers and its body with separate socket
     * writes; with Nagle's algorithm on, the body then waits for the client's delayed ACK, about
     * 40 ms for every small response (a manifest GET: measured 42 ms against 3 ms). Its only
     * switch is a JVM-wide property read once, when the server classes load; Berth sets it unless
     * the application already has, and this is the one global setting it touches.
     */
    private static void enableNoDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static ExecutorService newExecutor(int maxThreads) {
        try {
            // Java 21+: a virtual thread per request. Looked up reflectively to stay Java 17 bytecode.
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException noVirtualThreads) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory threads = runnable -> {
                Thread thread = new Thread(runnable, "berth-http-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            return Executors.newFixedThreadPool(maxThreads, threads);
        }
    }

    private static String normalizePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
            return "";
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    /** Configures a {@link RegistryServer}: where to listen, and the handler's settings. */
    public static final class Builder {
        private final RegistryHandler.Builder handlerBuilder = RegistryHandler.builder();
        private RegistryHandler handler;
        private String bindAddress = "127.0.0.1";
        private int port = 5000;
        private String prefix = "";
        private Path certificate;
        private Path key;
        private int maxThreads = 200;
        private Duration shutdownGrace = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Serves this handler; the handler settings of this builder are then ignored. */
        public Builder handler(RegistryHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        public Builder registry(Registry registry) {
            handlerBuilder.registry(registry);
            return this;
        }

        public Builder accessController(AccessController accessController) {
            handlerBuilder.accessController(accessController);
            return this;
        }

        /** The address to bind: {@code 127.0.0.1} by default, {@code 0.0.0.0} for every interface. */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /** The port; 0 picks a free one (see {@link #baseUri()}). 5000 by default, as distribution. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
            return this;
        }

        public Builder httpSecret(String httpSecret) {
            handlerBuilder.httpSecret(httpSecret);
            return this;
        }

        public Builder deleteEnabled(boolean deleteEnabled) {
            handlerBuilder.deleteEnabled(deleteEnabled);
            return this;
        }

        public Builder readOnly(boolean readOnly) {
            handlerBuilder.readOnly(readOnly);
            return this;
        }

        public Builder redirectsEnabled(boolean redirectsEnabled) {
            handlerBuilder.redirectsEnabled(redirectsEnabled);
            return this;
        }

        public Builder schema1Enabled(boolean schema1Enabled) {
            handlerBuilder.schema1Enabled(schema1Enabled);
            return this;
        }

        public Builder relativeUrls(boolean relativeUrls) {
            handlerBuilder.relativeUrls(relativeUrls);
            return this;
        }

        public Builder host(URI host) {
            handlerBuilder.host(host);
            return this;
        }

        /** {@code http.prefix}: serve the API under this path ({@code /registry} → {@code /registry/v2/}). */
        public Builder prefix(String prefix) {
            this.prefix = prefix == null ? "" : prefix;
            return this;
        }

        public Builder headers(Map<String, List<String>> headers) {
            handlerBuilder.headers(headers);
            return this;
        }

        public Builder maxManifestBytes(int maxManifestBytes) {
            handlerBuilder.maxManifestBytes(maxManifestBytes);
            return this;
        }

        public Builder chunkMinLength(long chunkMinLength) {
            handlerBuilder.chunkMinLength(chunkMinLength);
            return this;
        }

        public Builder interceptor(Interceptor interceptor) {
            handlerBuilder.interceptor(interceptor);
            return this;
        }

        /** {@code http.tls}: serve HTTPS with this PEM certificate chain and PEM private key. */
        public Builder tls(Path certificate, Path key) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Threads serving requests when the JDK has no virtual threads (200 by default). */
        public Builder maxThreads(int maxThreads) {
            if (maxThreads < 1) {
                throw new IllegalArgumentException("maxThreads must be positive");
            }
            this.maxThreads = maxThreads;
            return this;
        }

        /** How long {@link #close()} lets requests in flight finish (30 s by default). */
        public Builder shutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            return this;
        }

        public RegistryServer build() {
            return new RegistryServer(this);
        }
    }
}
