package dev.berth.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The {@code notifications} section: webhook endpoints and the event format. */
public record NotificationsConfig(boolean includeReferences, List<Endpoint> endpoints) {

    public static final NotificationsConfig NONE = new NotificationsConfig(false, List.of());

    /**
     * One webhook endpoint. Timeout, threshold and backoff carry distribution's defaults
     * (1s, 10, 1s) when the file leaves them out or sets them to zero.
     */
    public record Endpoint(String name, boolean disabled, URI url, Map<String, List<String>> headers, Duration timeout,
            int threshold, Duration backoff, List<String> ignoredMediaTypes, List<String> ignoredActions) {

        public Endpoint {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
            if (timeout.compareTo(Duration.ZERO) <= 0 || threshold <= 0 || backoff.compareTo(Duration.ZERO) <= 0) {
                throw new ConfigException("notifications endpoint '" + name + "' needs a positive timeout, threshold and backoff");
            }
            ignoredMediaTypes = List.copyOf(ignoredMediaTypes);
            ignoredActions = List.copyOf(ignoredActions);
        }
    }

    public NotificationsConfig {
        endpoints = List.copyOf(endpoints);
    }

    static NotificationsConfig from(ConfigNode notifications) {
        return new NotificationsConfig(notifications.get("events").bool("includereferences", false),
                notifications.get("endpoints").elements().stream().map(NotificationsConfig::endpoint).toList());
    }

    private static Endpoint endpoint(ConfigNode endpoint) {
        ConfigNode ignore = endpoint.get("ignore");
        List<String> ignoredMediaTypes = new ArrayList<>(endpoint.strings("ignoredmediatypes"));
        ignoredMediaTypes.addAll(ignore.strings("mediatypes"));
        int threshold = endpoint.integer("threshold", 0);
        return new Endpoint(endpoint.required("name"),
                endpoint.bool("disabled", false),
                endpoint.url("url").orElseThrow(() -> endpoint.get("url").invalid("is required")),
                endpoint.headers("headers"),
                positive(durationOrMillis(endpoint, "timeout")),
                threshold > 0 ? threshold : 10,
                positive(durationOrMillis(endpoint, "backoff")),
                ignoredMediaTypes.stream().distinct().toList(),
                ignore.strings("actions"));
    }

    /**
     * A Go duration, or a bare number of milliseconds: GitLab's documentation writes
     * {@code timeout: 500} and {@code backoff: 1000} meaning milliseconds. distribution would read
     * nanoseconds, a timeout no HTTP call can meet, so for these two keys Berth reads milliseconds.
     */
    private static Duration durationOrMillis(ConfigNode endpoint, String key) {
        Optional<String> text = endpoint.text(key).map(String::trim);
        if (text.isPresent() && text.get().matches("\\d+")) {
            return Duration.ofMillis(Long.parseLong(text.get()));
        }
        return endpoint.duration(key, Duration.ZERO);
    }

    private static Duration positive(Duration duration) {
        return duration.compareTo(Duration.ZERO) > 0 ? duration : Duration.ofSeconds(1);
    }
}
