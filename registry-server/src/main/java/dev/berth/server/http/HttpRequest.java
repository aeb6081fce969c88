package dev.berth.server.http;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as the registry sees it, free of any server library. Transports (the JDK server,
 * the servlet adapter, a test) make one per request; interceptors may pass on a modified copy.
 *
 * @param method        the HTTP method, upper case
 * @param scheme        {@code http} or {@code https}: what the client used to reach the transport
 * @param basePath      the path the handler is mounted under, without a trailing slash
 *                      ({@code ""} at the root, {@code "/registry"} under a prefix or servlet mapping)
 * @param path          the rest of the raw (still percent-encoded) path, starting with {@code /}
 * @param query         the decoded query parameters, each with all its values in order
 * @param headers       the request headers
 * @param body          the request body; an empty stream when there is none. Read at most once.
 * @param remoteAddress the client's address, for logs and access decisions
 */
public record HttpRequest(
        String method,
        String scheme,
        String basePath,
        String path,
        Map<String, List<String>> query,
        HttpHeaders headers,
        InputStream body,
        String remoteAddress) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(basePath, "basePath");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (query != null) {
            query.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        query = Collections.unmodifiableMap(copy);
    }

    /** The first value of query parameter {@code name}, if present. */
    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of query parameter {@code name}; empty when absent. */
    public List<String> queryParameters(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** The first value of header {@code name}, if present. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** This request with another path (and the same everything else). */
    public HttpRequest withPath(String newPath) {
        return new HttpRequest(method, scheme, basePath, newPath, query, headers, body, remoteAddress);
    }

    /** This request with other headers. */
    public HttpRequest withHeaders(HttpHeaders newHeaders) {
        return new HttpRequest(method, scheme, basePath, path, query, newHeaders, body, remoteAddress);
    }

    /** This request with another body stream (a counting wrapper, for instance). */
    public HttpRequest withBody(InputStream newBody) {
        return new HttpRequest(method, scheme, basePath, path, query, headers, newBody, remoteAddress);
    }

    /**
     * Parses a raw query string ({@code a=1&b=x%2Fy&a=2}) into decoded, multi-valued parameters.
     * A parameter without {@code =} has the empty value. A malformed escape is kept as sent:
     * such a value then fails the validation of whatever it was meant to be, with a 400.
     */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
