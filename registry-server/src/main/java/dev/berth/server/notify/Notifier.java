package dev.berth.server.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * Sends registry events to the configured endpoints without losing them. {@link #publish}
 * writes each event to the durable queue of every endpoint that wants it and returns once it
 * is on disk; one background thread per endpoint delivers in order, retrying with backoff.
 * Delivery is at-least-once: after a crash or a lost answer an event may be sent again, with
 * the same {@link Event#id()}, so listeners dedupe by id. Events still queued at
 * {@link #close()} are delivered after the next start.
 */
public final class Notifier implements Closeable {

    private final List<EndpointSink> sinks;
    private final boolean includeReferences;
    private final ObjectMapper json = new ObjectMapper();

    private Notifier(List<EndpointSink> sinks, boolean includeReferences) {
        this.sinks = sinks;
        this.includeReferences = includeReferences;
    }

    /** Opens the queues of the enabled endpoints and starts delivering what they hold. */
    public static Notifier start(NotificationSettings settings, OkHttpClient client) throws IOException {
        AtomicInteger count = new AtomicInteger();
        return start(settings, client, runnable -> {
            Thread thread = new Thread(runnable, "berth-notify-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** As {@link #start(NotificationSettings, OkHttpClient)}, with the delivery threads from {@code threads}. */
    public static Notifier start(NotificationSettings settings, OkHttpClient client, ThreadFactory threads)
            throws IOException {
        Objects.requireNonNull(client, "client");
        List<EndpointSink> sinks = new ArrayList<>();
        try {
            for (EndpointConfig endpoint : settings.endpoints()) {
                if (endpoint.disabled()) {
                    continue;
                }
                String directory = "endpoint-" + URLEncoder.encode(endpoint.name(), StandardCharsets.UTF_8);
                SegmentLog log = SegmentLog.open(settings.queueDirectory().resolve(directory),
                        settings.queueMaxBytes());
                sinks.add(new EndpointSink(endpoint, log, client, threads));
            }
        } catch (IOException | RuntimeException e) {
            for (EndpointSink sink : sinks) {
                sink.close();
            }
            throw e;
        }
        sinks.forEach(EndpointSink::start);
        return new Notifier(List.copyOf(sinks), settings.includeReferences());
    }

    /**
     * Queues events for every endpoint whose ignore lists let them through, durably, in order.
     * An endpoint whose queue is full or cannot be written drops the event, logs it and counts
     * it ({@link EndpointStats#dropped()}); the others are not affected.
     */
    public void publish(List<Event> events) {
        for (Event event : events) {
            Event sent = includeReferences ? event : event.withoutReferences();
            byte[] bytes = null;
            for (EndpointSink sink : sinks) {
                if (!sink.config().accepts(sent)) {
                    continue;
                }
                if (bytes == null) {
                    bytes = serialize(sent);
                }
                sink.enqueue(bytes);
            }
        }
    }

    private byte[] serialize(Event event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serializable: " + event, e);
        }
    }

    /** The counters of every enabled endpoint, in configuration order. */
    public List<EndpointStats> stats() {
        return sinks.stream().map(EndpointSink::stats).toList();
    }

    /** Stops delivery; what is still queued stays on disk for the next start. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (EndpointSink sink : sinks) {
            try {
                sink.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
