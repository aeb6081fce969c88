package dev.berth.server.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as it ended: what the access log writes and the metrics count.
 *
 * @param path          the path and query as sent
 * @param route         the API route's name ({@code blob}, {@code manifest}, …, {@code unmatched})
 * @param requestBytes  body bytes read from the client
 * @param responseBytes body bytes written to the client (0 for HEAD)
 * @param duration      from the request reaching the registry to the last body byte written
 * @param user          the authenticated subject, empty when anonymous
 */
public record CompletedRequest(
        String id,
        String method,
        String path,
        String route,
        int status,
        long requestBytes,
        long responseBytes,
        Duration duration,
        Optional<String> user,
        String remoteAddress,
        String userAgent) {

    public CompletedRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(user, "user");
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
        userAgent = userAgent == null ? "" : userAgent;
    }
}
