package dev.berth.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishers push events for {@code -Dberth.soak.seconds} (5 by default, 30 for the full soak)
 * while the listener flaps between up, failing, unreachable and losing its answers, and the
 * notifier is stopped and started again in the middle. In the end every event has arrived, in
 * order per publisher, and nothing but redeliveries of the same id arrived twice.
 */
class NotificationSoakTest {

    private static final int PUBLISHERS = 4;

    @TempDir
    Path queues;

    @Test
    void aFlappingListenerAndARestartLoseNoEventAndReorderNone() throws Exception {
        Duration soak = Duration.ofSeconds(Integer.getInteger("berth.soak.seconds", 5));
        OkHttpClient client = new OkHttpClient();
        Random random = new Random(7);
        List<List<String>> sent = new ArrayList<>();
        for (int i = 0; i < PUBLISHERS; i++) {
            sent.add(new ArrayList<>());
        }
        ReentrantReadWriteLock restart = new ReentrantReadWriteLock();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Listener.Mood, Integer> moods = new TreeMap<>();
        try (Listener listener = new Listener()) {
            EndpointConfig endpoint = EndpointConfig.of("soak", listener.url())
                    .withTimeout(Duration.ofMillis(500)).withRetry(3, Duration.ofMillis(100));
            NotificationSettings settings = NotificationSettings.of(queues, endpoint);
            Notifier[] notifier = {Notifier.start(settings, client)};
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int publisher = p;
                publishers.add(new Thread(() -> {
                    for (int n = 0; running.get(); n++) {
                        Event base = Events.push("soak/" + publisher, n);
                        Event event = new Event("p" + publisher + "-" + n, Instant.now(), Action.PUSH, base.target(),
                                base.request(), base.actor(), base.source());
                        restart.readLock().lock();
                        try {
                            notifier[0].publish(List.of(event));
                        } finally {
                            restart.readLock().unlock();
                        }
                        sent.get(publisher).add(event.id());
                    }
                }));
            }
            publishers.forEach(Thread::start);
            long end = System.nanoTime() + soak.toNanos();
            boolean restarted = false;
            Listener.Mood[] all = Listener.Mood.values();
            while (System.nanoTime() < end) {
                Listener.Mood mood = all[random.nextInt(all.length)];
                moods.merge(mood, 1, Integer::sum);
                listener.mood(mood);
                Thread.sleep(100 + random.nextInt(400)); // the listener's mood lasts this long
                if (!restarted && System.nanoTime() > end - soak.toNanos() / 2) {
                    restart.writeLock().lock();
                    try {
                        notifier[0].close();
                        notifier[0] = Notifier.start(settings, client);
                    } finally {
                        restart.writeLock().unlock();
                    }
                    restarted = true;
                }
            }
            running.set(false);
            for (Thread publisher : publishers) {
                publisher.join();
            }
            listener.mood(Listener.Mood.UP);
            int total = sent.stream().mapToInt(List::size).sum();
            assertThat(listener.awaitDistinct(total, 120, TimeUnit.SECONDS)).as("all events arrived").isTrue();
            EndpointStats stats = notifier[0].stats().get(0);
            notifier[0].close();

            List<String> arrivals = Listener.sequence(listener.events());
            List<String> firstArrivals = new ArrayList<>(listener.ids());
            for (int p = 0; p < PUBLISHERS; p++) {
                String prefix = "p" + p + "-";
                assertThat(firstArrivals.stream().filter(id -> id.startsWith(prefix)).toList())
                        .as("publisher %d's events, in order", p).containsExactlyElementsOf(sent.get(p));
            }
            assertThat(firstArrivals).hasSize(total);
            System.out.printf("notification soak: %ds, %d events published, %d deliveries received, "
                    + "%d distinct, %d lost, %d redelivered (deduped by id), %d requests; moods %s; "
                    + "after the restart: %d successes, %d failures, %d errors%n",
                    soak.toSeconds(), total, arrivals.size(), firstArrivals.size(), total - firstArrivals.size(),
                    arrivals.size() - firstArrivals.size(), listener.requests().size(), moods,
                    stats.successes(), stats.failures(), stats.errors());
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
