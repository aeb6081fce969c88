package dev.berth.server.health;

import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of health checks, as distribution's {@code health} package: each check is probed
 * every {@code interval} on the given scheduler (the first probe at once) and turns unhealthy
 * after {@code threshold} failures in a row (0 or 1: the first failure); one success makes it
 * healthy again. {@link #failures()} is what {@code /debug/health} shows and what makes the
 * API answer 503.
 */
public final class HealthChecks implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<String, Registered> checks = new LinkedHashMap<>();
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    public HealthChecks(ScheduledExecutorService scheduler, Clock clock) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Probes {@code check} periodically under {@code name}; names are unique. */
    public synchronized void register(String name, HealthCheck check, Duration interval, int threshold) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        if (interval.isZero() || interval.isNegative() || threshold < 0) {
            throw new IllegalArgumentException("health check " + name + " needs a positive interval and threshold >= 0");
        }
        if (checks.containsKey(name)) {
            throw new IllegalArgumentException("a health check named " + name + " is already registered");
        }
        Registered registered = new Registered(name, check, Math.max(1, threshold));
        checks.put(name, registered);
        schedules.add(scheduler.scheduleWithFixedDelay(registered::probe, 0, interval.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** The status of every check, in registration order. */
    public synchronized List<CheckStatus> statuses() {
        return checks.values().stream().map(Registered::status).toList();
    }

    /** The failing checks, name to error, as distribution's {@code /debug/health} body. */
    public Map<String, String> failures() {
        Map<String, String> failing = new LinkedHashMap<>();
        for (CheckStatus status : statuses()) {
            status.error().ifPresent(error -> failing.put(status.name(), error));
        }
        return failing;
    }

    public boolean healthy() {
        return statuses().stream().allMatch(CheckStatus::healthy);
    }

    /** Probes every check once, now, on the calling thread (tests, and a refresh on demand). */
    public void probeAll() {
        List<Registered> all;
        synchronized (this) {
            all = List.copyOf(checks.values());
        }
        all.forEach(Registered::probe);
    }

    /** Stops probing; the scheduler itself belongs to the caller. */
    @Override
    public synchronized void close() {
        schedules.forEach(schedule -> schedule.cancel(false));
        schedules.clear();
    }

    private final class Registered {
        private final String name;
        private final HealthCheck check;
        private final int threshold;
        private CheckStatus status;

        Registered(String name, HealthCheck check, int threshold) {
            this.name = name;
            this.check = check;
            this.threshold = threshold;
            this.status = new CheckStatus(name, Optional.empty(), 0, Instant.EPOCH);
        }

        synchronized CheckStatus status() {
            return status;
        }

        void probe() {
            String error = null;
            try {
                check.check();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } catch (Exception | LinkageError e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            synchronized (this) {
                boolean wasHealthy = status.healthy();
                int failures = error == null ? 0 : status.failures() + 1;
                Optional<String> verdict = failures >= threshold ? Optional.of(error) : Optional.empty();
                status = new CheckStatus(name, verdict, failures, clock.instant());
                if (wasHealthy && verdict.isPresent()) {
                    LOG.warn("health check {} failing: {}", name, error);
                } else if (!wasHealthy && verdict.isEmpty()) {
                    LOG.info("health check {} healthy again", name);
                }
            }
        }
    }
}
