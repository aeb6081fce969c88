package dev.berth.server.debug;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.Digest;
import dev.berth.server.conformance.TestImages;
import dev.berth.server.notify.EndpointStats;
import dev.berth.server.notify.Listener;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients push blobs through the registry for {@code -Dberth.soak.seconds} (5 by default; 30
 * for the full soak) while the listener flaps between up, failing, unreachable and losing its
 * answers, and the whole registry is stopped and started again halfway. In the end every push
 * has its event, in push order per client, and after deduplication by event id nothing arrived
 * twice; the raw redeliveries are counted and printed. Storage is in memory: the events are the point.
 */
class NotificationSoakTest {

    private static final int CLIENTS = 4;

    @TempDir
    Path queues;

    @Test
    void pushesWhileTheListenerFlapsAndTheRegistryRestartsLoseNoEvent() throws Exception {
        Duration soak = Duration.ofSeconds(Integer.getInteger("berth.soak.seconds", 5));
        Random random = new Random(7);
        List<List<String>> pushed = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            pushed.add(new ArrayList<>());
        }
        Map<Listener.Mood, Integer> moods = new TreeMap<>();
        ReentrantReadWriteLock restart = new ReentrantReadWriteLock();
        AtomicBoolean running = new AtomicBoolean(true);
        try (Listener listener = new Listener()) {
            String yaml = """
                    version: 0.1
                    storage:
                      inmemory: {}
                    http:
                      addr: 127.0.0.1:5000
                    notifications:
                      endpoints:
                        - name: soak
                          url: %s
                          timeout: 500ms
                          threshold: 3
                          backoff: 100ms
                    """.formatted(listener.url());
            AtomicReference<OpsRegistry> registry = new AtomicReference<>(
                    new OpsRegistry(yaml, new InMemoryDriver(), queues));
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(new Thread(() -> {
                    for (long n = 0; running.get(); n++) {
                        byte[] blob = TestImages.blob(64, client * 1_000_000_000L + n);
                        Digest digest = Digest.sha256(blob);
                        restart.readLock().lock();
                        try {
                            assertThat(registry.get().client.send("POST", "/v2/soak/" + client
                                    + "/blobs/uploads/?digest=" + digest, blob,
                                    "Content-Type", "application/octet-stream").status()).isEqualTo(201);
                        } finally {
                            restart.readLock().unlock();
                        }
                        pushed.get(client).add(digest.toString());
                    }
                }));
            }
            clients.forEach(Thread::start);
            long end = System.nanoTime() + soak.toNanos();
            boolean restarted = false;
            Listener.Mood[] all = Listener.Mood.values();
            while (System.nanoTime() < end) {
                Listener.Mood mood = all[random.nextInt(all.length)];
                moods.merge(mood, 1, Integer::sum);
                listener.mood(mood);
                Thread.sleep(100 + random.nextInt(400)); // how long the listener keeps this mood
                if (!restarted && System.nanoTime() > end - soak.toNanos() / 2) {
                    restart.writeLock().lock();
                    try {
                        registry.get().close();
                        registry.set(new OpsRegistry(yaml, new InMemoryDriver(), queues));
                    } finally {
                        restart.writeLock().unlock();
                    }
                    restarted = true;
                }
            }
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
            listener.mood(Listener.Mood.UP);
            int total = pushed.stream().mapToInt(List::size).sum();
            boolean arrived = listener.awaitDistinct(total, 120, TimeUnit.SECONDS);
            EndpointStats stats = registry.get().operations.notifier().orElseThrow().stats().get(0);
            registry.get().close();
            assertThat(arrived).as("all %d events arrived", total).isTrue();

            List<JsonNode> deliveries = listener.events();
            List<String> distinct = new ArrayList<>(listener.ids());
            Map<String, String> digestById = new TreeMap<>();
            deliveries.forEach(e -> digestById.put(e.get("id").asText(), e.get("target").get("digest").asText()));
            for (int c = 0; c < CLIENTS; c++) {
                String repository = "soak/" + c;
                List<String> events = deliveries.stream()
                        .filter(e -> e.get("target").get("repository").asText().equals(repository))
                        .map(e -> e.get("id").asText()).distinct().map(digestById::get).toList();
                assertThat(events).as("client %d's pushes, once each, in order", c)
                        .containsExactlyElementsOf(pushed.get(c));
            }
            assertThat(distinct).hasSize(total);
            System.out.printf("notification soak: %ds, %d pushes, %d deliveries received, %d distinct events, "
                    + "%d lost, %d duplicated after dedupe, %d redelivered (same id), %d requests; moods %s; "
                    + "after the restart: %d successes, %d failures, %d errors%n",
                    soak.toSeconds(), total, deliveries.size(), distinct.size(), total - distinct.size(), 0,
                    deliveries.size() - distinct.size(), listener.requests().size(), moods,
                    stats.successes(), stats.failures(), stats.errors());
        }
    }
}
