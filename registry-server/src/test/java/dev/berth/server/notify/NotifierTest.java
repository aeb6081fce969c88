package dev.berth.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierTest {

    private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    @TempDir
    Path queues;

    private final OkHttpClient client = new OkHttpClient();
    private final Listener listener = newListener();

    @AfterEach
    void tearDown() {
        listener.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static Listener newListener() {
        try {
            return new Listener();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private EndpointConfig endpoint(String name, Listener target) {
        // A short backoff keeps the tests quick; the retry logic is the same at any scale.
        return EndpointConfig.of(name, target.url()).withRetry(2, Duration.ofMillis(50));
    }

    @Test
    void eventsArriveInDistributionsEnvelopeWithTheConfiguredHeaders() throws Exception {
        EndpointConfig config = endpoint("a", listener).withHeaders(Map.of("Authorization", List.of("Bearer s3cret")));
        Event event = Events.push("library/app", 1);
        try (Notifier notifier = Notifier.start(NotificationSettings.of(queues, config), client)) {
            notifier.publish(List.of(event));
            assertThat(listener.awaitDistinct(1, 30, TimeUnit.SECONDS)).isTrue();
        }
        RecordedRequest request = listener.requests().get(0);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeaders().get("Content-Type")).startsWith(Event.ENVELOPE_MEDIA_TYPE);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret");
        JsonNode sent = listener.events().get(0);
        assertThat(sent.get("id").asText()).isEqualTo(event.id());
        assertThat(sent.get("timestamp").asText()).isEqualTo("2026-11-27T09:00:00Z");
        assertThat(sent.get("action").asText()).isEqualTo("push");
        JsonNode target = sent.get("target");
        assertThat(target.get("mediaType").asText()).isEqualTo(LAYER);
        assertThat(target.get("digest").asText()).isEqualTo(event.target().digest().toString());
        assertThat(target.get("size").asLong()).isEqualTo(101);
        assertThat(target.get("length").asLong()).isEqualTo(101);
        assertThat(target.get("repository").asText()).isEqualTo("library/app");
        assertThat(target.has("tag")).isFalse();
        assertThat(sent.get("request").get("useragent").asText()).isEqualTo("test/1.0");
        assertThat(sent.get("request").get("method").asText()).isEqualTo("PUT");
        assertThat(sent.get("actor").get("name").asText()).isEqualTo("alice");
        assertThat(sent.get("source").get("instanceID").asText()).isEqualTo("instance-1");
    }

    @Test
    void anOutageOfSecondsLosesNoEventAndKeepsTheOrder() throws Exception {
        List<Event> events = Events.pushes("library/app", 40);
        try (Notifier notifier = Notifier.start(NotificationSettings.of(queues, endpoint("a", listener)), client)) {
            listener.mood(Listener.Mood.FAILING);
            notifier.publish(events.subList(0, 20));
            await(() -> notifier.stats().get(0).failures() > 0);
            listener.mood(Listener.Mood.UNREACHABLE);
            notifier.publish(events.subList(20, 40));
            await(() -> notifier.stats().get(0).errors() > 0);
            Thread.sleep(2000); // the rest of a two-second outage: the scenario, not a wait for a result
            assertThat(listener.events()).isEmpty();
            listener.mood(Listener.Mood.UP);
            assertThat(listener.awaitDistinct(40, 30, TimeUnit.SECONDS)).isTrue();
            await(() -> notifier.stats().get(0).pending() == 0);
        }
        assertThat(Listener.sequence(listener.events())).containsExactlyElementsOf(ids(events));
    }

    @Test
    void eventsQueuedWhenTheRegistryStopsArriveAfterItStartsAgain() throws Exception {
        List<Event> events = Events.pushes("library/app", 25);
        listener.mood(Listener.Mood.UNREACHABLE);
        try (Notifier notifier = Notifier.start(NotificationSettings.of(queues, endpoint("a", listener)), client)) {
            notifier.publish(events);
            assertThat(notifier.stats().get(0).pending()).isEqualTo(25);
        }
        listener.mood(Listener.Mood.UP);
        try (Notifier restarted = Notifier.start(NotificationSettings.of(queues, endpoint("a", listener)), client)) {
            assertThat(listener.awaitDistinct(25, 30, TimeUnit.SECONDS)).isTrue();
            await(() -> restarted.stats().get(0).pending() == 0);
        }
        // A delivery cut short by the stop may arrive twice: at-least-once, deduped by id.
        assertThat(listener.ids()).containsExactlyElementsOf(ids(events));
    }

    @Test
    void ignoredMediaTypesAndActionsAreNotSentToThatEndpoint() throws Exception {
        try (Listener all = new Listener()) {
            EndpointConfig picky = endpoint("picky", listener).withIgnored(Set.of(LAYER), Set.of(Action.PULL));
            Event layerPush = Events.push("r", 1);
            Event manifestPull = new Event("pull-1", layerPush.timestamp(), Action.PULL,
                    Event.Target.of("r", "application/vnd.oci.image.manifest.v1+json", layerPush.target().digest(), 5L),
                    null, null, null);
            Event manifestPush = new Event("push-1", layerPush.timestamp(), Action.PUSH,
                    manifestPull.target().withTag("latest"), null, null, null);
            NotificationSettings settings = new NotificationSettings(List.of(picky, endpoint("all", all)), true,
                    queues, 0);
            try (Notifier notifier = Notifier.start(settings, client)) {
                notifier.publish(List.of(layerPush, manifestPull, manifestPush));
                assertThat(all.awaitDistinct(3, 30, TimeUnit.SECONDS)).isTrue();
                assertThat(listener.awaitDistinct(1, 30, TimeUnit.SECONDS)).isTrue();
                await(() -> notifier.stats().stream().allMatch(s -> s.pending() == 0));
            }
            assertThat(listener.ids()).containsExactly("push-1");
            assertThat(listener.events().get(0).get("target").get("tag").asText()).isEqualTo("latest");
            assertThat(all.ids()).containsExactly(layerPush.id(), "pull-1", "push-1");
        }
    }

    @Test
    void aDisabledEndpointGetsNothingAndHasNoCounters() throws Exception {
        NotificationSettings settings = NotificationSettings.of(queues, endpoint("off", listener).withDisabled(true));
        try (Notifier notifier = Notifier.start(settings, client)) {
            notifier.publish(Events.pushes("r", 3));
            assertThat(notifier.stats()).isEmpty();
        }
        assertThat(listener.requests()).isEmpty();
    }

    @Test
    void aListenerThatHangsDoesNotHoldUpPublishing() throws Exception {
        listener.hold();
        List<Event> events = Events.pushes("r", 200);
        try (Notifier notifier = Notifier.start(NotificationSettings.of(queues,
                endpoint("slow", listener).withTimeout(Duration.ofSeconds(60))), client)) {
            notifier.publish(events); // returns with the first delivery still hanging
            assertThat(listener.events()).isEmpty();
            assertThat(notifier.stats().get(0).pending()).isEqualTo(200);
            listener.open();
            assertThat(listener.awaitDistinct(200, 30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Listener.sequence(listener.events())).containsExactlyElementsOf(ids(events));
    }

    @Test
    void countersTellSuccessesFailuresAndErrorsApart() throws Exception {
        try (Notifier notifier = Notifier.start(NotificationSettings.of(queues, endpoint("a", listener)), client)) {
            listener.mood(Listener.Mood.FAILING);
            notifier.publish(List.of(Events.push("r", 1)));
            await(() -> notifier.stats().get(0).failures() >= 2);
            listener.mood(Listener.Mood.UNREACHABLE);
            await(() -> notifier.stats().get(0).errors() >= 1);
            listener.mood(Listener.Mood.UP);
            await(() -> notifier.stats().get(0).successes() == 1);
            EndpointStats stats = notifier.stats().get(0);
            assertThat(stats.pending()).isZero();
            assertThat(stats.statuses().keySet()).anyMatch(status -> status.startsWith("503 "))
                    .anyMatch(status -> status.startsWith("200 "));
            assertThat(stats.name()).isEqualTo("a");
            assertThat(stats.url()).isEqualTo(listener.url().toString());
        }
    }

    @Test
    void referencesAreLeftOutUnlessIncludeReferencesIsOn() throws Exception {
        Digest config = Digest.sha256("config".getBytes(StandardCharsets.UTF_8));
        Event base = Events.push("r", 1);
        Event withReferences = new Event(base.id(), base.timestamp(), Action.PUSH, base.target()
                .withReferences(List.of(Descriptor.of("application/vnd.oci.image.config.v1+json", config, 2))),
                null, null, null);
        NotificationSettings settings = NotificationSettings.of(queues, endpoint("a", listener))
                .withIncludeReferences(false);
        try (Notifier notifier = Notifier.start(settings, client)) {
            notifier.publish(List.of(withReferences));
            assertThat(listener.awaitDistinct(1, 30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(listener.events().get(0).get("target").has("references")).isFalse();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfGrowingWithoutBound() throws Exception {
        listener.mood(Listener.Mood.UNREACHABLE);
        NotificationSettings settings = NotificationSettings.of(queues, endpoint("a", listener))
                .withQueueMaxBytes(4096);
        try (Notifier notifier = Notifier.start(settings, client)) {
            notifier.publish(Events.pushes("r", 100));
            EndpointStats stats = notifier.stats().get(0);
            assertThat(stats.dropped()).isPositive();
            assertThat(stats.pending() + stats.dropped()).isEqualTo(100);
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(10);
        }
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }
}
