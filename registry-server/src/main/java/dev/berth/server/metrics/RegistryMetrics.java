package dev.berth.server.metrics;

import dev.berth.server.http.RouteInfo;
import dev.berth.storage.driver.StorageDriver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The registry's meters, on a Micrometer registry; with {@link #prometheus()} the debug server
 * serves them in Prometheus' text format. Names follow distribution's Prometheus metrics where
 * it has them ({@code registry_http_*}, {@code registry_storage_action_seconds}).
 */
public final class RegistryMetrics implements GcRecorder, RequestListener {

    private final MeterRegistry registry;

    public RegistryMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Metrics on a fresh Prometheus registry. */
    public static RegistryMetrics prometheus() {
        return new RegistryMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * One finished HTTP request: {@code route} is the API route's name ({@code blob},
     * {@code manifest}, {@code blob_upload}, …), never the path, so that repositories and digests
     * do not become label values.
     */
    public void request(String route, String method, int status, Duration took, long bytesIn, long bytesOut) {
        Timer.builder("registry.http.requests")
                .description("HTTP requests by route, method and status")
                .tags("route", route, "method", method, "code", Integer.toString(status))
                .publishPercentileHistogram()
                // 1 ms to 5 min: from a cached HEAD to a large layer on a slow link, in few buckets.
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry)
                .record(took);
        if (bytesIn > 0) {
            Counter.builder("registry.http.request.bytes").baseUnit("bytes").description("request body bytes received")
                    .tags("route", route).register(registry).increment(bytesIn);
        }
        if (bytesOut > 0) {
            Counter.builder("registry.http.response.bytes").baseUnit("bytes").description("response body bytes sent")
                    .tags("route", route).register(registry).increment(bytesOut);
        }
    }

    /**
     * Counts the request, and the upload step it was: {@code started} (POST answered 202),
     * {@code completed} (PUT, or a monolithic POST, answered 201), {@code mounted} (POST with
     * {@code mount} answered 201), {@code cancelled} (DELETE answered 204); every byte accepted
     * on the upload routes counts in {@code registry_uploads_bytes_total}.
     */
    @Override
    public void completed(CompletedRequest done) {
        request(done.route(), done.method(), done.status(), done.duration(), done.requestBytes(), done.responseBytes());
        boolean start = done.route().equals(RouteInfo.ROUTE_UPLOAD_START);
        if (!start && !done.route().equals(RouteInfo.ROUTE_UPLOAD)) {
            return;
        }
        if (done.status() < 300 && done.requestBytes() > 0) {
            Counter.builder("registry.uploads.bytes").baseUnit("bytes").description("bytes received by uploads")
                    .register(registry).increment(done.requestBytes());
        }
        String outcome = switch (done.method() + " " + done.status()) {
            case "POST 202" -> start ? "started" : null;
            case "POST 201" -> start ? (done.path().contains("?mount=") || done.path().contains("&mount=") ? "mounted" : "completed") : null;
            case "PUT 201" -> "completed";
            case "DELETE 204" -> "cancelled";
            default -> null;
        };
        if (outcome != null) {
            upload(outcome);
        }
    }

    /** An upload step: {@code started}, {@code completed}, {@code mounted}, {@code cancelled}. */
    public void upload(String outcome) {
        Counter.builder("registry.uploads").description("blob uploads by outcome").tags("outcome", outcome)
                .register(registry).increment();
    }

    /** {@code driver} with every call timed as {@code registry_storage_action_seconds{driver,action}}. */
    public StorageDriver instrument(StorageDriver driver) {
        return new MetricsStorageDriver(driver, this);
    }

    void storageAction(String driver, String action, long nanos) {
        Timer.builder("registry.storage.action")
                .description("storage driver calls by driver and action")
                .tags("driver", driver, "action", action)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void collected(boolean dryRun, Duration took, long blobsDeleted, long manifestsDeleted, long bytesDeleted) {
        String mode = dryRun ? "dryrun" : "delete";
        Timer.builder("registry.gc.runs").description("garbage-collection runs").tags("mode", mode)
                .register(registry).record(took);
        Counter.builder("registry.gc.blobs").description("blobs garbage-collected").tags("mode", mode)
                .register(registry).increment(blobsDeleted);
        Counter.builder("registry.gc.manifests").description("manifests garbage-collected").tags("mode", mode)
                .register(registry).increment(manifestsDeleted);
        Counter.builder("registry.gc.bytes").baseUnit("bytes").description("bytes garbage-collected")
                .tags("mode", mode).register(registry).increment(bytesDeleted);
    }
}
