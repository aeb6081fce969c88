package dev.berth.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A notification listener on MockWebServer whose mood the test sets: up, answering 503,
 * dropping the connection before answering, or taking the events and dropping the connection
 * before the answer (the case that makes delivery at-least-once). Records every event it
 * accepted, in arrival order, duplicates included.
 */
public final class Listener implements Closeable {

    public enum Mood { UP, FAILING, UNREACHABLE, ANSWER_LOST }

    private final MockWebServer server = new MockWebServer();
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> received = new ArrayList<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private volatile Mood mood = Mood.UP;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public Listener() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                gate.await();
                return respond(request);
            }
        });
        server.start();
    }

    private MockResponse respond(RecordedRequest request) {
        Mood now = mood;
        switch (now) {
            case FAILING:
                return new MockResponse.Builder().code(503).build();
            case UNREACHABLE:
                return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
            default:
                break;
        }
        try {
            JsonNode envelope = json.readTree(request.getBody().toByteArray());
            synchronized (this) {
                requests.add(request);
                envelope.get("events").forEach(received::add);
                notifyAll();
            }
        } catch (IOException e) {
            return new MockResponse.Builder().code(400).build();
        }
        MockResponse.Builder ok = new MockResponse.Builder().code(now == Mood.UP ? 200 : 202);
        return now == Mood.ANSWER_LOST ? ok.onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build()
                : ok.build();
    }

    public URI url() {
        return server.url("/events").uri();
    }

    public void mood(Mood newMood) {
        mood = newMood;
    }

    /** Holds every request until {@link #open()}: a listener that hangs. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }

    public synchronized List<JsonNode> events() {
        return List.copyOf(received);
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Distinct event ids in first-arrival order. */
    public synchronized Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        received.forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }

    /** Waits until {@code count} distinct events arrived; false on timeout. */
    public synchronized boolean awaitDistinct(int count, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        long left;
        while (ids().size() < count && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return ids().size() >= count;
    }

    @Override
    public void close() {
        open();
        server.close();
    }

    public static List<String> sequence(List<JsonNode> events) {
        List<String> ids = new ArrayList<>();
        events.forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }
}
