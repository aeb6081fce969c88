package dev.berth.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code health} section. Intervals default to distribution's 10 seconds; a zero timeout
 * means none, as in distribution; a zero threshold means the first failure counts.
 */
public record HealthConfig(StorageDriverCheck storageDriver, List<FileCheck> files, List<HttpCheck> http,
        List<TcpCheck> tcp) {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    /** {@code health.storagedriver}. */
    public record StorageDriverCheck(boolean enabled, Duration interval, int threshold) {
        public StorageDriverCheck {
            requirePositive(interval, threshold);
        }
    }

    /** {@code health.file[]}: unhealthy while the file exists. */
    public record FileCheck(Path file, Duration interval, int threshold) {
        public FileCheck {
            Objects.requireNonNull(file, "file");
            requirePositive(interval, threshold);
        }
    }

    /** {@code health.http[]}: healthy while the URI answers {@code statusCode}. */
    public record HttpCheck(URI uri, Map<String, List<String>> headers, int statusCode, Duration timeout,
            Duration interval, int threshold) {
        public HttpCheck {
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            requirePositive(interval, threshold);
        }
    }

    /** {@code health.tcp[]}: healthy while a connection to {@code addr} succeeds. */
    public record TcpCheck(String addr, Duration timeout, Duration interval, int threshold) {
        public TcpCheck {
            Objects.requireNonNull(addr, "addr");
            requirePositive(interval, threshold);
        }
    }

    public HealthConfig {
        Objects.requireNonNull(storageDriver, "storageDriver");
        files = List.copyOf(files);
        http = List.copyOf(http);
        tcp = List.copyOf(tcp);
    }

    /** Whether any check is configured. */
    public boolean anyCheck() {
        return storageDriver.enabled() || !files.isEmpty() || !http.isEmpty() || !tcp.isEmpty();
    }

    private static void requirePositive(Duration interval, int threshold) {
        if (interval.compareTo(Duration.ZERO) <= 0 || threshold < 0) {
            throw new ConfigException("health checks need a positive interval and a non-negative threshold");
        }
    }

    static HealthConfig from(ConfigNode health) {
        ConfigNode storage = health.get("storagedriver");
        return new HealthConfig(
                new StorageDriverCheck(storage.bool("enabled", false), interval(storage), storage.integer("threshold", 0)),
                health.get("file").elements().stream().map(check -> new FileCheck(Path.of(check.required("file")),
                        interval(check), check.integer("threshold", 0))).toList(),
                health.get("http").elements().stream().map(check -> new HttpCheck(
                        check.url("uri").orElseThrow(() -> check.get("uri").invalid("is required")),
                        check.headers("headers"), check.integer("statuscode", 200),
                        check.duration("timeout", Duration.ZERO), interval(check), check.integer("threshold", 0))).toList(),
                health.get("tcp").elements().stream().map(check -> new TcpCheck(check.required("addr"),
                        check.duration("timeout", Duration.ZERO), interval(check), check.integer("threshold", 0))).toList());
    }

    private static Duration interval(ConfigNode check) {
        Duration interval = check.duration("interval", Duration.ZERO);
        return interval.compareTo(Duration.ZERO) > 0 ? interval : DEFAULT_INTERVAL;
    }
}
