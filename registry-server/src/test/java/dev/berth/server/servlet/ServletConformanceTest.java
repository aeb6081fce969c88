package dev.berth.server.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.server.conformance.AccessConformance;
import dev.berth.server.conformance.BlobConformance;
import dev.berth.server.conformance.ListingConformance;
import dev.berth.server.conformance.ManifestConformance;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TransportFixture;
import dev.berth.server.conformance.UploadConformance;
import dev.berth.server.http.RegistryHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The OCI conformance tests through {@link RegistryServlet} inside embedded Jetty 12, mounted
 * at {@code /v2/*} beside an application servlet of its own.
 */
class ServletConformanceTest extends TransportFixture
        implements BlobConformance, UploadConformance, ManifestConformance, ListingConformance, AccessConformance {

    @Override
    protected Served serve(RegistryHandler handler) throws Exception {
        return jetty(handler, "/v2/*", "");
    }

    /** Jetty with the registry servlet at {@code mapping} and a hello servlet at {@code /hello}. */
    static Served jetty(RegistryHandler handler, String mapping, String basePath) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new RegistryServlet(handler)), mapping);
        context.addServlet(new ServletHolder(new HelloServlet()), "/hello");
        server.setHandler(context);
        server.start();
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + basePath + "/");
        return new Served() {
            @Override
            public URI baseUri() {
                return base;
            }

            @Override
            public void close() {
                try {
                    server.stop();
                } catch (Exception e) {
                    throw new IllegalStateException("Jetty did not stop", e);
                }
            }
        };
    }

    @Test
    void theApplicationsOwnRouteStillAnswersBesideTheRegistry() {
        TestClient client = client();
        assertThat(client.get("/hello").text()).isEqualTo("hello");
        assertThat(client.get("/v2/").status()).isEqualTo(200);
    }

    @Test
    void registryMountedUnderAPrefixServesTheApiThere() throws Exception {
        try (Served served = jetty(RegistryHandler.builder().registry(dev.berth.server.conformance.TestRegistries
                .inMemory()).httpSecret("s").build(), "/registry/*", "/registry")) {
            TestClient client = new TestClient(served.baseUri());
            pushImage(client, "prefixed/app", "v1", 1);
            TestClient.Response started = client.send("POST", "/v2/prefixed/app/blobs/uploads/", new byte[0]);
            assertThat(URI.create(started.location()).getPath()).startsWith("/registry/v2/prefixed/app/blobs/uploads/");
            assertThat(client.get("/v2/prefixed/app/tags/list").json().path("tags").get(0).asText()).isEqualTo("v1");
        }
    }

    /** Stands for the embedding application's own endpoints. */
    static final class HelloServlet extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("hello");
        }
    }
}
