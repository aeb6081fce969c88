package dev.berth.server.notify;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one endpoint's queue, in order, from one background thread: takes a batch from the
 * head of the {@link SegmentLog}, posts it as one envelope, and acknowledges it only after a 2xx
 * or 3xx answer. A failed attempt is retried at once until {@code threshold} attempts in a row
 * have failed; from then on each retry waits {@code backoff}, as distribution's retrying sink
 * does. Nothing here blocks the request threads: they only append to the log.
 */
final class EndpointSink implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointSink.class);
    private static final MediaType ENVELOPE = MediaType.get(Event.ENVELOPE_MEDIA_TYPE);
    private static final byte[] OPEN = "{\"events\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.UTF_8);
    /** Events per envelope: big enough to catch up after an outage, small enough for any listener. */
    static final int MAX_BATCH = 64;

    private final EndpointConfig config;
    private final SegmentLog log;
    private final OkHttpClient client;
    private final Headers headers;
    private final Thread thread;
    private final Object sleep = new Object();
    private final AtomicReference<Call> inFlight = new AtomicReference<>();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
    private volatile boolean closed;

    EndpointSink(EndpointConfig config, SegmentLog log, OkHttpClient baseClient, ThreadFactory threads) {
        this.config = config;
        this.log = log;
        // One client per endpoint sharing the base client's pool and dispatcher; redirects are not
        // followed because a 3xx already counts as delivered.
        this.client = baseClient.newBuilder()
                .callTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .build();
        Headers.Builder builder = new Headers.Builder();
        config.headers().forEach((name, values) -> values.forEach(value -> builder.add(name, value)));
        this.headers = builder.build();
        this.thread = threads.newThread(this::run);
    }

    void start() {
        thread.start();
    }

    EndpointConfig config() {
        return config;
    }

    /**
     * Queues a serialized event durably; false, counted as dropped and logged, when the queue is
     * full or cannot be written. The registry request that made the event goes on either way.
     */
    boolean enqueue(byte[] event) {
        try {
            if (log.append(event)) {
                return true;
            }
            LOG.error("notification endpoint {}: queue full, event dropped", config.name());
        } catch (IOException e) {
            LOG.error("notification endpoint {}: cannot write the queue, event dropped", config.name(), e);
        }
        dropped.incrementAndGet();
        return false;
    }

    EndpointStats stats() {
        Map<String, Long> snapshot = new TreeMap<>();
        statuses.forEach((status, count) -> snapshot.put(status, count.get()));
        return new EndpointStats(config.name(), config.url().toString(), log.pending(), successes.get(),
                failures.get(), errors.get(), dropped.get(), snapshot);
    }

    private void run() {
        int failedInARow = 0;
        while (!closed) {
            try {
                List<SegmentLog.Entry> batch = log.peek(MAX_BATCH, 1, TimeUnit.SECONDS);
                while (!batch.isEmpty() && !closed) {
                    if (deliver(batch)) {
                        log.ack(batch.get(batch.size() - 1).next(), batch.size());
                        failedInARow = 0;
                        break;
                    }
                    failedInARow++;
                    if (failedInARow >= config.threshold()) {
                        pause(config.backoff().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                // The queue could not be read or acknowledged (disk trouble): the events stay on
                // disk; try again after a backoff rather than give up on the endpoint.
                LOG.error("notification endpoint {}: queue error, retrying", config.name(), e);
                try {
                    pause(config.backoff().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One attempt; true when the endpoint took the batch. */
    private boolean deliver(List<SegmentLog.Entry> batch) {
        Request request = new Request.Builder()
                .url(config.url().toString())
                .headers(headers)
                .post(RequestBody.create(envelope(batch), ENVELOPE))
                .build();
        Call call = client.newCall(request);
        inFlight.set(call);
        try (Response response = call.execute()) {
            statuses.computeIfAbsent(response.code() + " " + response.message(), k -> new AtomicLong())
                    .incrementAndGet();
            if (response.code() >= 200 && response.code() < 400) {
                successes.addAndGet(batch.size());
                return true;
            }
            failures.addAndGet(batch.size());
            LOG.debug("notification endpoint {} answered {}", config.name(), response.code());
            return false;
        } catch (IOException e) {
            errors.addAndGet(batch.size());
            LOG.debug("notification endpoint {} unreachable", config.name(), e);
            return false;
        } finally {
            inFlight.set(null);
        }
    }

    private static byte[] envelope(List<SegmentLog.Entry> batch) {
        int size = OPEN.length + CLOSE.length + batch.size() - 1;
        for (SegmentLog.Entry entry : batch) {
            size += entry.payload().length;
        }
        byte[] body = new byte[size];
        System.arraycopy(OPEN, 0, body, 0, OPEN.length);
        int at = OPEN.length;
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] payload = batch.get(i).payload();
            System.arraycopy(payload, 0, body, at, payload.length);
            at += payload.length;
        }
        System.arraycopy(CLOSE, 0, body, at, CLOSE.length);
        return body;
    }

    private void pause(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (sleep) {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(sleep, left);
            }
        }
    }

    /** Stops delivery (an attempt in flight is cancelled and retried after the next start). */
    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (sleep) {
            sleep.notifyAll();
        }
        Call call = inFlight.get();
        if (call != null) {
            call.cancel();
        }
        log.release();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            log.close();
        }
    }
}
