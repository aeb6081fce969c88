package dev.berth.examples.servlet;

import dev.berth.api.store.Registry;
import dev.berth.server.http.RegistryHandler;
import dev.berth.server.servlet.RegistryServlet;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.filesystem.FilesystemDriver;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An existing Jetty 12 application (one route of its own, {@code /api/status}) that gains a
 * container registry by mapping Berth's servlet at {@code /v2/*}: push to
 * {@code <host>:<port>/<repository>} and the application serves it.
 *
 * <pre>
 * mvn -q -pl examples/embed-servlet -am compile exec:java -Dexec.args="8080 ./registry-data"
 * skopeo copy --dest-tls-verify=false docker-archive:app.tar docker://127.0.0.1:8080/team/app:v1
 * curl http://127.0.0.1:8080/api/status
 * </pre>
 */
public final class JettyApplication implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private JettyApplication(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts the application on {@code port} (0 for any free one) with registry content under {@code storage}. */
    public static JettyApplication start(int port, Path storage) throws Exception {
        Registry registry = StorageRegistry.builder(new FilesystemDriver(storage)).build();
        RegistryHandler handler = RegistryHandler.builder()
                .registry(registry)
                .deleteEnabled(true)
                .build();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        AtomicLong registryRequests = new AtomicLong();
        // The registry at /v2/*, where every client expects it, beside the application's routes.
        context.addServlet(new ServletHolder(new CountingRegistryServlet(handler, registryRequests)), "/v2/*");
        context.addServlet(new ServletHolder(new StatusServlet(registryRequests)), "/api/status");
        server.setHandler(context);
        server.start();
        return new JettyApplication(server, connector);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop cleanly", e);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Path storage = Path.of(args.length > 1 ? args[1] : "registry-data");
        JettyApplication application = start(port, storage);
        Runtime.getRuntime().addShutdownHook(new Thread(application::close));
        System.out.println("application with registry on " + application.baseUri() + " (storage: " + storage.toAbsolutePath() + ")");
        application.server.join();
    }

    /** The application's own route, which also reports how many registry requests it has served. */
    private static final class StatusServlet extends HttpServlet {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient AtomicLong registryRequests;

        StatusServlet(AtomicLong registryRequests) {
            this.registryRequests = registryRequests;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"status\":\"ok\",\"registryRequests\":" + registryRequests.get() + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Berth's servlet, counted: any servlet filter or wrapper of the application applies to it. */
    private static final class CountingRegistryServlet extends RegistryServlet {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient AtomicLong requests;

        CountingRegistryServlet(RegistryHandler handler, AtomicLong requests) {
            super(handler);
            this.requests = requests;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            requests.incrementAndGet();
            super.service(request, response);
        }
    }
}
