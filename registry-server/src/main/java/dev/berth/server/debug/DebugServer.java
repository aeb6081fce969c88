package dev.berth.server.debug;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.server.health.HealthChecks;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The second listener of {@code http.debug.addr}: {@code /debug/health} (distribution's body: the
 * failing checks, name to error, {@code {}} and 200 when all pass, 503 otherwise),
 * {@code /debug/vars} (see {@link DebugVars}) and the Prometheus text exposition at the metrics
 * path ({@code /metrics} by default). What it shows is sensitive: bind it to a private address.
 */
public final class DebugServer implements AutoCloseable {

    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();

    private DebugServer(Builder builder) throws IOException {
        server = HttpServer.create(builder.address, 0);
        server.setExecutor(builder.executor);
        if (builder.health != null) {
            HealthChecks health = builder.health;
            server.createContext("/debug/health", exchange -> serve(exchange, () -> {
                var failures = health.failures();
                send(exchange, failures.isEmpty() ? 200 : 503, JSON, json.writeValueAsBytes(failures));
            }));
        }
        if (builder.vars != null) {
            DebugVars vars = builder.vars;
            server.createContext("/debug/vars", exchange -> serve(exchange,
                    () -> send(exchange, 200, JSON, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(vars.snapshot()))));
        }
        if (builder.prometheus != null) {
            PrometheusMeterRegistry prometheus = builder.prometheus;
            server.createContext(builder.metricsPath, exchange -> serve(exchange, () -> {
                String accept = exchange.getRequestHeaders().getFirst("Accept");
                String type = accept != null && accept.contains("application/openmetrics-text")
                        ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
                send(exchange, 200, type, prometheus.scrape(type).getBytes(StandardCharsets.UTF_8));
            }));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public DebugServer start() {
        server.start();
        return this;
    }

    /** The bound address (the real port when the builder asked for port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port} of the running server. */
    public URI baseUri() {
        InetSocketAddress address = address();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @FunctionalInterface
    private interface Response {
        void write() throws IOException;
    }

    private static void serve(HttpExchange exchange, Response response) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            response.write();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** What the debug server shows and where it listens; each part is optional. */
    public static final class Builder {
        private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        private Executor executor;
        private HealthChecks health;
        private DebugVars vars;
        private PrometheusMeterRegistry prometheus;
        private String metricsPath = "/metrics";

        private Builder() {
        }

        /** distribution's {@code http.debug.addr}: {@code host:port} or {@code :port} (every interface). */
        public Builder address(String addr) {
            int colon = addr.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("http.debug.addr must be host:port or :port, not '" + addr + "'");
            }
            String host = addr.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(addr.substring(colon + 1));
            this.address = host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
            return this;
        }

        public Builder address(InetSocketAddress socketAddress) {
            this.address = Objects.requireNonNull(socketAddress, "socketAddress");
            return this;
        }

        /** Runs the handlers there; by default, on the server's own dispatcher thread. */
        public Builder executor(Executor handlerExecutor) {
            this.executor = handlerExecutor;
            return this;
        }

        public Builder health(HealthChecks checks) {
            this.health = checks;
            return this;
        }

        public Builder vars(DebugVars debugVars) {
            this.vars = debugVars;
            return this;
        }

        /** Serves {@code registry} at {@code path} ({@code http.debug.prometheus.path}). */
        public Builder prometheus(PrometheusMeterRegistry registry, String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("metrics path must start with '/': " + path);
            }
            this.prometheus = registry;
            this.metricsPath = path;
            return this;
        }

        public DebugServer build() throws IOException {
            return new DebugServer(this);
        }
    }
}
