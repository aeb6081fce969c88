package dev.berth.server.http;

import java.io.IOException;

/**
 * Observes, changes or answers requests on their way to the registry, in OkHttp's shape: call
 * {@link Chain#proceed} to go on (with the request or a changed copy), or return a response of
 * your own to short-circuit. Metrics, the access log, notifications and health gating are
 * interceptors; the {@link RouteInfo} on the response says what the registry did.
 *
 * <p>Interceptors run in the order given, the first outermost. The response body has not been
 * written when {@code proceed} returns: wrap it to count bytes or time the transfer.
 */
@FunctionalInterface
public interface Interceptor {

    HttpResponse intercept(Chain chain) throws IOException;

    /** The rest of the chain, seen from one interceptor. */
    interface Chain {

        HttpRequest request();

        /** Hands {@code request} to the next interceptor, or to the registry after the last. */
        HttpResponse proceed(HttpRequest request) throws IOException;
    }
}
