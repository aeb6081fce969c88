package dev.berth.server.notify;

import java.util.Map;
import java.util.Objects;

/**
 * The counters of one endpoint, as distribution's {@code /debug/vars} shows them, counted in
 * events: {@code pending} queued and not yet delivered, {@code successes} delivered with a 2xx
 * or 3xx answer, {@code failures} answered with another status, {@code errors} attempts that got
 * no answer (refused, reset, timed out), {@code dropped} refused because the queue was full,
 * and {@code statuses} the count of each HTTP status line seen.
 */
public record EndpointStats(
        String name,
        String url,
        long pending,
        long successes,
        long failures,
        long errors,
        long dropped,
        Map<String, Long> statuses) {

    public EndpointStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        statuses = Map.copyOf(statuses);
    }
}
