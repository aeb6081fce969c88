package dev.berth.server.metrics;

import dev.berth.server.notify.EndpointStats;
import dev.berth.server.notify.Notifier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;

/** The notification endpoints' counters as meters, read from {@link Notifier#stats()} at each scrape. */
public final class NotificationMeters {

    private NotificationMeters() {
    }

    /** Registers {@code registry_notifications_pending} and {@code registry_notifications_events_total}. */
    public static void bind(Notifier notifier, MeterRegistry registry) {
        for (EndpointStats endpoint : notifier.stats()) {
            String name = endpoint.name();
            Gauge.builder("registry.notifications.pending", notifier, n -> read(n, name, EndpointStats::pending))
                    .description("events queued for the endpoint and not yet delivered")
                    .tag("endpoint", name).register(registry);
            counter(registry, notifier, name, "success", EndpointStats::successes);
            counter(registry, notifier, name, "failure", EndpointStats::failures);
            counter(registry, notifier, name, "error", EndpointStats::errors);
            counter(registry, notifier, name, "dropped", EndpointStats::dropped);
        }
    }

    private static void counter(MeterRegistry registry, Notifier notifier, String endpoint, String outcome,
            ToLongFunction<EndpointStats> field) {
        FunctionCounter.builder("registry.notifications.events", notifier, n -> read(n, endpoint, field))
                .description("event deliveries by endpoint and outcome")
                .tags("endpoint", endpoint, "outcome", outcome)
                .register(registry);
    }

    private static double read(Notifier notifier, String endpoint, ToLongFunction<EndpointStats> field) {
        return notifier.stats().stream().filter(s -> s.name().equals(endpoint)).mapToLong(field).findFirst().orElse(0);
    }
}
