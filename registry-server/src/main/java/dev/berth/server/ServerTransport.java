package dev.berth.server;

import dev.berth.server.http.RegistryHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.net.ssl.SSLContext;

/**
 * Where a {@link RegistryServer}'s connections come from. The JDK's built-in server
 * ({@link #jdk()}) is the default: nothing to add to an application's classpath. Another HTTP
 * server plugs in by implementing this and, to be found by {@link #discover()}, naming itself in
 * {@code META-INF/services/dev.berth.server.ServerTransport}.
 */
public interface ServerTransport {

    /**
     * Starts serving {@code handler} as {@code settings} say; the listener is bound when this
     * returns.
     */
    Listener start(RegistryHandler handler, Settings settings) throws IOException;

    /** A started transport. */
    interface Listener {

        /** The bound address (the real port when 0 was asked for). */
        InetSocketAddress address();

        /**
         * Stops: new requests are turned away at once (503), those in flight get up to
         * {@code grace} to finish, then the listener and every connection close.
         */
        void stop(Duration grace);
    }

    /**
     * Where and how to listen.
     *
     * @param bindAddress the address to bind, {@code 0.0.0.0} for every interface
     * @param port the port, 0 for a free one
     * @param prefix the path the API lives under: empty, or {@code /name} without a trailing slash
     * @param tls serve HTTPS with this context, or plain HTTP when empty
     * @param maxThreads threads serving requests where the transport has no virtual threads
     */
    record Settings(String bindAddress, int port, String prefix, Optional<SSLContext> tls, int maxThreads) {
        public Settings {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(tls, "tls");
            if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
                throw new IllegalArgumentException("prefix must be empty or /name, not " + prefix);
            }
        }

        /** {@code https} or {@code http}. */
        public String scheme() {
            return tls.isPresent() ? "https" : "http";
        }
    }

    /** The JDK's built-in HTTP server ({@code com.sun.net.httpserver}). */
    static ServerTransport jdk() {
        return new JdkTransport();
    }

    /**
     * The first transport named in {@code META-INF/services} on the class path, else the JDK's:
     * how the {@code berth} program, which carries Jetty, picks it.
     */
    static ServerTransport discover() {
        return ServiceLoader.load(ServerTransport.class).findFirst().orElseGet(ServerTransport::jdk);
    }
}
