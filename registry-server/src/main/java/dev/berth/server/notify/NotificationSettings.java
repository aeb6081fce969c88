package dev.berth.server.notify;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code notifications} section: the endpoints, {@code events.includereferences}, and where
 * and how large each endpoint's durable queue is. Distribution keeps its queues in memory and
 * has no keys for them; Berth's queue lives under {@code queueDirectory/<endpoint>} and holds
 * at most {@code queueMaxBytes} per endpoint.
 */
public record NotificationSettings(
        List<EndpointConfig> endpoints,
        boolean includeReferences,
        Path queueDirectory,
        long queueMaxBytes) {

    /** 256 MiB per endpoint: a day of a busy registry's events while its listener is down. */
    public static final long DEFAULT_QUEUE_MAX_BYTES = 256L << 20;

    public NotificationSettings {
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(queueDirectory, "queueDirectory");
        if (queueMaxBytes <= 0) {
            queueMaxBytes = DEFAULT_QUEUE_MAX_BYTES;
        }
        Set<String> names = new HashSet<>();
        for (EndpointConfig endpoint : endpoints) {
            if (!names.add(endpoint.name())) {
                throw new IllegalArgumentException("two notification endpoints are named " + endpoint.name());
            }
        }
    }

    public static NotificationSettings of(Path queueDirectory, EndpointConfig... endpoints) {
        return new NotificationSettings(List.of(endpoints), true, queueDirectory, DEFAULT_QUEUE_MAX_BYTES);
    }

    public NotificationSettings withIncludeReferences(boolean include) {
        return new NotificationSettings(endpoints, include, queueDirectory, queueMaxBytes);
    }

    public NotificationSettings withQueueMaxBytes(long maxBytes) {
        return new NotificationSettings(endpoints, includeReferences, queueDirectory, maxBytes);
    }
}
