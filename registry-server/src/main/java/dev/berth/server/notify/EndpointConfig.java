package dev.berth.server.notify;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code notifications.endpoints}, with distribution's names and defaults:
 * {@code timeout} 1s per delivery attempt, {@code threshold} 10 failures in a row before the
 * endpoint is considered down, {@code backoff} 1s between attempts while it is down.
 * {@code ignoredmediatypes} and {@code ignore.mediatypes} are merged into
 * {@link #ignoredMediaTypes()}; {@code ignore.actions} is {@link #ignoredActions()}.
 */
public record EndpointConfig(
        String name,
        boolean disabled,
        URI url,
        Map<String, List<String>> headers,
        Duration timeout,
        int threshold,
        Duration backoff,
        Set<String> ignoredMediaTypes,
        Set<Action> ignoredActions) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_THRESHOLD = 10;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    public EndpointConfig {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a notification endpoint needs a name");
        }
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("notification endpoint " + name + ": url must be http or https: " + url);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        (headers == null ? Map.<String, List<String>>of() : headers).forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = Map.copyOf(copy);
        // Zero or negative means "not set" in distribution's config, so the default applies.
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
        threshold = threshold <= 0 ? DEFAULT_THRESHOLD : threshold;
        backoff = backoff == null || backoff.isZero() || backoff.isNegative() ? DEFAULT_BACKOFF : backoff;
        ignoredMediaTypes = ignoredMediaTypes == null ? Set.of() : Set.copyOf(ignoredMediaTypes);
        ignoredActions = ignoredActions == null || ignoredActions.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(ignoredActions));
    }

    /** An enabled endpoint with every other option at its default. */
    public static EndpointConfig of(String name, URI url) {
        return new EndpointConfig(name, false, url, Map.of(), null, 0, null, Set.of(), Set.of());
    }

    /** Whether this endpoint wants the event, judged by its ignore lists. */
    public boolean accepts(Event event) {
        if (ignoredActions.contains(event.action())) {
            return false;
        }
        String mediaType = event.target().mediaType();
        return mediaType == null || !ignoredMediaTypes.contains(mediaType);
    }

    public EndpointConfig withTimeout(Duration newTimeout) {
        return new EndpointConfig(name, disabled, url, headers, newTimeout, threshold, backoff, ignoredMediaTypes,
                ignoredActions);
    }

    public EndpointConfig withRetry(int newThreshold, Duration newBackoff) {
        return new EndpointConfig(name, disabled, url, headers, timeout, newThreshold, newBackoff, ignoredMediaTypes,
                ignoredActions);
    }

    public EndpointConfig withIgnored(Set<String> mediaTypes, Set<Action> actions) {
        return new EndpointConfig(name, disabled, url, headers, timeout, threshold, backoff, mediaTypes, actions);
    }

    public EndpointConfig withHeaders(Map<String, List<String>> newHeaders) {
        return new EndpointConfig(name, disabled, url, newHeaders, timeout, threshold, backoff, ignoredMediaTypes,
                ignoredActions);
    }

    public EndpointConfig withDisabled(boolean newDisabled) {
        return new EndpointConfig(name, newDisabled, url, headers, timeout, threshold, backoff, ignoredMediaTypes,
                ignoredActions);
    }
}
