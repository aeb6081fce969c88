package dev.berth.auth.endpoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves a {@link TokenEndpoint} from the JDK's built-in HTTP server, so an example or a small
 * application needs no other server:
 * {@code server.createContext("/jwt/auth", new JdkTokenHandler(endpoint))}.
 */
public final class JdkTokenHandler implements HttpHandler {

    /** Token requests are small forms; anything larger is not one. */
    static final int MAX_BODY = 64 * 1024;

    private final TokenEndpoint endpoint;

    public JdkTokenHandler(TokenEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            TokenResponse response = endpoint.handle(new TokenRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawQuery(),
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")),
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")), body));
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] bytes = response.body();
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
