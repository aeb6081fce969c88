package dev.berth.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.berth.server.http.RegistryHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's built-in HTTP server. Requests run on virtual threads when the JDK has them (21+),
 * else on a bounded pool.
 *
 * <p>Known limit: on a plain-HTTP port it waits for a request line when a client probes it
 * with a TLS handshake, so clients that try HTTPS first wait out their handshake timeout.
 */
final class JdkTransport implements ServerTransport {

    private static final Logger LOG = LoggerFactory.getLogger(JdkTransport.class);

    @Override
    public Listener start(RegistryHandler handler, Settings settings) throws IOException {
        enableNoDelay();
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
        HttpServer server = settings.tls().isPresent() ? HttpsServer.create(address, 0) : HttpServer.create(address, 0);
        settings.tls().ifPresent(context -> ((HttpsServer) server).setHttpsConfigurator(new HttpsConfigurator(context)));
        ExecutorService executor = newExecutor(settings.maxThreads());
        InFlight inFlight = new InFlight();
        server.setExecutor(executor);
        server.createContext(settings.prefix().isEmpty() ? "/" : settings.prefix() + "/",
                new JdkHttpAdapter(handler, settings.prefix(), settings.scheme(), inFlight));
        server.start();
        return new Listener() {
            @Override
            public InetSocketAddress address() {
                return server.getAddress();
            }

            /*
             * The JDK server's own stop(delay) waits out the whole delay on Java 17 even when
             * idle, so requests are counted here and the server stopped once they are done.
             */
            @Override
            public void stop(Duration grace) {
                inFlight.close();
                try {
                    if (!inFlight.awaitIdle(grace.toMillis())) {
                        LOG.warn("requests still in flight after {}; stopping anyway", grace);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                server.stop(0);
                executor.shutdownNow();
            }
        };
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
}
