package dev.berth.server.debug;

import dev.berth.server.notify.EndpointStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The body of {@code /debug/vars}, in the spirit of Go's expvar that distribution serves there:
 * {@code runtime} (the JVM's memory, threads, collectors, uptime), {@code registry.notifications.endpoints}
 * (each endpoint's counters, under distribution's {@code Metrics} key names) and
 * {@code registry.storage} (the driver and its calls by action, from the metrics registry).
 */
public final class DebugVars {

    private final Supplier<List<EndpointStats>> notifications;
    private final String storageDriver;
    private final MeterRegistry meters;

    /**
     * @param notifications the endpoints' counters (an empty list without notifications)
     * @param storageDriver the storage driver's name
     * @param meters where {@code registry.storage.action} timers are found
     */
    public DebugVars(Supplier<List<EndpointStats>> notifications, String storageDriver, MeterRegistry meters) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.storageDriver = Objects.requireNonNull(storageDriver, "storageDriver");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /** A fresh snapshot as nested maps, ready for JSON. */
    public Map<String, Object> snapshot() {
        Map<String, Object> registry = new LinkedHashMap<>();
        registry.put("notifications", Map.of("endpoints", notifications.get().stream().map(DebugVars::endpoint).toList()));
        registry.put("storage", storage());
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("runtime", runtime());
        vars.put("registry", registry);
        return vars;
    }

    private static Map<String, Object> endpoint(EndpointStats stats) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("Pending", stats.pending());
        metrics.put("Successes", stats.successes());
        metrics.put("Failures", stats.failures());
        metrics.put("Errors", stats.errors());
        metrics.put("Dropped", stats.dropped());
        metrics.put("Statuses", new TreeMap<>(stats.statuses()));
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("name", stats.name());
        endpoint.put("url", stats.url());
        endpoint.put("Metrics", metrics);
        return endpoint;
    }

    private Map<String, Object> storage() {
        Map<String, Object> actions = new TreeMap<>();
        for (Timer timer : meters.find("registry.storage.action").tag("driver", storageDriver).timers()) {
            actions.put(timer.getId().getTag("action"), Map.of(
                    "count", timer.count(),
                    "totalSeconds", timer.totalTime(TimeUnit.SECONDS),
                    "maxSeconds", timer.max(TimeUnit.SECONDS)));
        }
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("driver", storageDriver);
        storage.put("actions", actions);
        return storage;
    }

    private static Map<String, Object> runtime() {
        Runtime runtime = Runtime.getRuntime();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("javaVersion", Runtime.version().toString());
        vars.put("vmName", System.getProperty("java.vm.name"));
        vars.put("processors", runtime.availableProcessors());
        vars.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        vars.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        vars.put("heapUsedBytes", memory.getHeapMemoryUsage().getUsed());
        vars.put("heapCommittedBytes", memory.getHeapMemoryUsage().getCommitted());
        vars.put("heapMaxBytes", memory.getHeapMemoryUsage().getMax());
        vars.put("nonHeapUsedBytes", memory.getNonHeapMemoryUsage().getUsed());
        Map<String, Object> collectors = new LinkedHashMap<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.put(gc.getName(), Map.of("count", gc.getCollectionCount(), "timeMillis", gc.getCollectionTime()));
        }
        vars.put("gc", collectors);
        return vars;
    }
}
