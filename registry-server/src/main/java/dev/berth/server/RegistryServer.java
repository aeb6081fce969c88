package dev.berth.server;

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
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry on an HTTP server: the JDK's built-in one ({@code com.sun.net.httpserver}) unless
 * a {@linkplain Builder#transport transport} says otherwise, so there is nothing to add to an
 * application's classpath to embed a registry.
 *
 * <pre>{@code
 * try (RegistryServer server = RegistryServer.builder().registry(registry).port(0).build().start()) {
 *     URI uri = server.baseUri();   // http://127.0.0.1:<port>/
 * }
 * }</pre>
 *
 * <p>On the JDK server, requests run on virtual threads when the JDK has them (21+), else on a
 * bounded pool. Blobs stream both ways; request and response bodies of unknown length are chunked.
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
    private final ServerTransport transport;
    private ServerTransport.Listener listener;
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
        this.transport = builder.transport;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; returns this server. */
    public synchronized RegistryServer start() {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        try {
            Optional<SSLContext> tls = certificate == null ? Optional.empty() : Optional.of(PemTls.context(certificate, key));
            ServerTransport.Settings settings = new ServerTransport.Settings(bindAddress, port, prefix, tls, maxThreads);
            listener = transport.start(handler, settings);
            InetSocketAddress bound = listener.address();
            String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            baseUri = URI.create(settings.scheme() + "://" + host + ":" + bound.getPort() + prefix + "/");
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
     * period to finish, then the listener and every connection close.
     */
    @Override
    public synchronized void close() {
        if (listener == null) {
            return;
        }
        listener.stop(shutdownGrace);
        listener = null;
        LOG.info("stopped {}", baseUri);
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
        private ServerTransport transport = ServerTransport.jdk();

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

        /** The HTTP server to run on: {@link ServerTransport#jdk()} by default. */
        public Builder transport(ServerTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public RegistryServer build() {
            return new RegistryServer(this);
        }
    }
}
