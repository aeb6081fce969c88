package dev.berth.app;

import dev.berth.server.ServerTransport;
import dev.berth.server.http.RegistryHandler;
import dev.berth.server.servlet.RegistryServlet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code berth} program's HTTP server: Jetty 12 carrying {@link RegistryServlet}.
 *
 * <p>Why not the JDK's server, as embedders get: skopeo, docker, containerd and Jib try HTTPS
 * first even for a registry they may reach over plain HTTP, and fall back only once the TLS
 * handshake fails. Jetty answers a TLS hello on a plain port with a 400 at once, so they fall
 * back at once; the JDK's server waits for a request line that never comes, and they wait out
 * their handshake timeout (Jib never falls back on a timeout).
 */
public final class JettyTransport implements ServerTransport {

    private static final Logger LOG = LoggerFactory.getLogger(JettyTransport.class);

    /** Bearer tokens naming many repositories run long; distribution (Go) allows 1 MiB. */
    private static final int REQUEST_HEADER_BYTES = 64 * 1024;

    /**
     * What a connection reads from its socket at a time (Jetty's default is 8 KiB). A pushed
     * layer arrives in reads of this size, and each costs a system call, a trip through Jetty's
     * parser and, on the same host, a TCP window update: 32 concurrent pushes of 16 MiB blobs
     * moved 13% more bytes per CPU-second with 64 KiB (median of 9 rounds each, alternating
     * runs). Jetty lends the buffer from its pool while a connection has bytes to parse; it is
     * the size of the blob store's own copy buffer.
     */
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    @Override
    public Listener start(RegistryHandler handler, Settings settings) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads());
        threads.setName("berth-http");
        // A virtual thread per request on Java 21+ (null, so pooled threads, on 17).
        threads.setVirtualThreadsExecutor(VirtualThreads.getDefaultVirtualThreadsExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        http1.setInputBufferSize(READ_BUFFER_BYTES);
        ServerConnector connector = settings.tls().map(context -> {
            // No SNI host check: clients reach registries by IP address and by names the certificate may not list.
            http.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(context);
            return new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), http1);
        }).orElseGet(() -> new ServerConnector(server, http1));
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(settings.prefix().isEmpty() ? "/" : settings.prefix());
        context.addServlet(new ServletHolder(new RegistryServlet(handler)), "/*");
        GracefulHandler graceful = new GracefulHandler(context);
        server.setHandler(graceful);
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Jetty did not start", e);
        }
        return new Listener() {
            @Override
            public InetSocketAddress address() {
                return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
            }

            /*
             * New requests are answered 503 while those in flight finish; then Jetty stops at
             * once. (Its own graceful stop also waits for idle keep-alive connections to close,
             * a second for every client that keeps one.)
             */
            @Override
            public void stop(Duration grace) {
                try {
                    graceful.shutdown().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    LOG.warn("requests still in flight after {}; stopping anyway", grace);
                } catch (ExecutionException e) {
                    LOG.warn("waiting for requests in flight failed: {}", e.getCause().toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                try {
                    server.setStopTimeout(0);
                    server.stop();
                } catch (Exception e) {
                    LOG.warn("Jetty did not stop cleanly: {}", e.toString());
                }
            }
        };
    }
}
