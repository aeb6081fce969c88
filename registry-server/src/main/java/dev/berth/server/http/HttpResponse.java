package dev.berth.server.http;

import java.util.Objects;

/**
 * A response as the registry makes it: status, headers, a body that writes itself, and what
 * the handler made of the request ({@link RouteInfo}) for interceptors to report on.
 *
 * <p>{@code Content-Length} is not among the headers: the transport sets it from
 * {@link ResponseBody#contentLength()} (also for HEAD, where the body is not sent).
 */
public record HttpResponse(int status, HttpHeaders headers, ResponseBody body, RouteInfo route) {

    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("invalid status " + status);
        }
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(route, "route");
    }

    /** A response without a body. */
    public static HttpResponse of(int status, HttpHeaders headers) {
        return new HttpResponse(status, headers, ResponseBody.empty(), RouteInfo.UNMATCHED);
    }

    public HttpResponse withHeaders(HttpHeaders newHeaders) {
        return new HttpResponse(status, newHeaders, body, route);
    }

    public HttpResponse withBody(ResponseBody newBody) {
        return new HttpResponse(status, headers, newBody, route);
    }

    public HttpResponse withRoute(RouteInfo newRoute) {
        return new HttpResponse(status, headers, body, newRoute);
    }
}
