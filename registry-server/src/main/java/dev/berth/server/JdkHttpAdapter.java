package dev.berth.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.berth.server.http.HttpHeaders;
import dev.berth.server.http.HttpRequest;
import dev.berth.server.http.HttpResponse;
import dev.berth.server.http.RegistryHandler;
import dev.berth.server.http.ResponseBody;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries requests from the JDK's built-in HTTP server to a {@link RegistryHandler} and back. */
final class JdkHttpAdapter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JdkHttpAdapter.class);

    private final RegistryHandler handler;
    private final String basePath;
    private final String scheme;
    private final InFlight inFlight;

    JdkHttpAdapter(RegistryHandler handler, String basePath, String scheme, InFlight inFlight) {
        this.handler = handler;
        this.basePath = basePath;
        this.scheme = scheme;
        this.inFlight = inFlight;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!inFlight.enter()) {
            try (exchange) {
                exchange.getResponseHeaders().set("Connection", "close");
                exchange.getResponseHeaders().set("Retry-After", "1");
                exchange.getResponseHeaders().set(RegistryHandler.API_VERSION_HEADER, RegistryHandler.API_VERSION);
                exchange.sendResponseHeaders(503, -1);
            }
            return;
        }
        try (exchange) {
            HttpResponse response = handler.handle(toRequest(exchange));
            write(exchange, response);
        } catch (IOException e) {
            // The client went away mid-transfer; the connection is closed with the exchange.
            LOG.debug("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        } finally {
            inFlight.exit();
        }
    }

    private HttpRequest toRequest(HttpExchange exchange) {
        String rawPath = exchange.getRequestURI().getRawPath();
        String path = rawPath != null && rawPath.startsWith(basePath) ? rawPath.substring(basePath.length()) : "";
        Map<String, List<String>> query = HttpRequest.parseQuery(exchange.getRequestURI().getRawQuery());
        InetSocketAddress remote = exchange.getRemoteAddress();
        return new HttpRequest(exchange.getRequestMethod(), scheme, basePath, path.isEmpty() ? "/" : path, query,
                HttpHeaders.of(exchange.getRequestHeaders()), exchange.getRequestBody(),
                remote == null ? "" : remote.getAddress().getHostAddress());
    }

    static void write(HttpExchange exchange, HttpResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.headers().asMap().forEach((name, values) -> headers.put(name, values));
        ResponseBody body = response.body();
        int status = response.status();
        long length = body.contentLength();
        boolean noBody = status == 204 || status == 304 || (status >= 100 && status < 200);
        if (exchange.getRequestMethod().equals("HEAD") || noBody) {
            // The JDK server sets no Content-Length for HEAD: say what GET would send.
            if (!noBody && length >= 0) {
                headers.set("Content-Length", Long.toString(length));
            }
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        if (length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        // 0 asks the JDK server for chunked encoding: the length is not known.
        exchange.sendResponseHeaders(status, length < 0 ? 0 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }

}
