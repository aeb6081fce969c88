package dev.berth.testkit;

import dev.berth.server.http.HttpHeaders;
import dev.berth.server.http.RouteInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request the test registry served, as MockWebServer's {@code takeRequest()} gives them:
 * what came in and what the registry made of it.
 *
 * @param method  the HTTP method
 * @param path    the path as sent, still percent-encoded
 * @param query   the decoded query parameters
 * @param headers the request headers
 * @param status  the status the registry answered
 * @param route   the route, repository and reference the registry saw
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> query, HttpHeaders headers,
                              int status, RouteInfo route) {

    public RecordedRequest {
        query = Map.copyOf(query);
    }

    /** The first value of a request header. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status;
    }
}
