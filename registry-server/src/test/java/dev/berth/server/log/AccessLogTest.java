package dev.berth.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.server.metrics.CompletedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

class AccessLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    private final BlockingQueue<SubstituteLoggingEvent> events = new ArrayBlockingQueue<>(10);
    private final EventRecordingLogger logger = new EventRecordingLogger(
            new SubstituteLogger(AccessLog.LOGGER_NAME, events, false), events);

    private static CompletedRequest request(Optional<String> user) {
        return new CompletedRequest("req-1", "PUT", "/v2/library/app/manifests/latest", "manifest", 201, 1234, 0,
                Duration.ofNanos(3_250_000), user, "10.0.0.7:4711", "docker/27.0 go/1.22");
    }

    @Test
    void aTextLineHoldsMethodPathStatusBytesDurationUserAndTheStaticFields() {
        AccessLog log = new AccessLog(logger, Level.INFO, AccessLog.Format.TEXT,
                Map.of("environment", "staging", "service", "registry"), CLOCK);
        log.completed(request(Optional.of("alice")));
        assertThat(events).hasSize(1);
        String line = events.poll().getMessage();
        assertThat(line).startsWith("msg=\"response completed\" http.request.id=req-1 http.request.method=PUT")
                .contains("http.request.uri=/v2/library/app/manifests/latest")
                .contains("http.response.status=201")
                .contains("http.request.contentlength=1234")
                .contains("http.response.written=0")
                .contains("http.response.duration=3.25ms")
                .contains("auth.user.name=alice")
                .contains("http.request.useragent=\"docker/27.0 go/1.22\"")
                .endsWith("environment=staging service=registry");
    }

    @Test
    void aJsonLineIsOneObjectWithTheSameFields() throws Exception {
        AccessLog log = new AccessLog(logger, Level.DEBUG, AccessLog.Format.JSON, Map.of("service", "registry"), CLOCK);
        log.completed(request(Optional.empty()));
        JsonNode line = new ObjectMapper().readTree(events.poll().getMessage());
        assertThat(line.get("time").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(line.get("level").asText()).isEqualTo("info");
        assertThat(line.get("http.request.method").asText()).isEqualTo("PUT");
        assertThat(line.get("http.response.status").asInt()).isEqualTo(201);
        assertThat(line.get("http.response.duration").asText()).isEqualTo("3.25ms");
        assertThat(line.get("service").asText()).isEqualTo("registry");
        assertThat(line.has("auth.user.name")).isFalse();
    }

    @Test
    void aLevelAboveInfoSilencesTheAccessLog() {
        new AccessLog(logger, Level.WARN, AccessLog.Format.TEXT, Map.of(), CLOCK).completed(request(Optional.empty()));
        assertThat(events).isEmpty();
    }

    @Test
    void staticFieldsNeverOverrideTheRequestsOwn() {
        AccessLog log = new AccessLog(logger, Level.INFO, AccessLog.Format.TEXT,
                Map.of("http.response.status", "999"), CLOCK);
        assertThat(log.line(request(Optional.empty()))).contains("http.response.status=201").doesNotContain("999");
    }

    @Test
    void durationsArePrintedTheWayGoPrintsThem() {
        assertThat(AccessLog.goDuration(Duration.ofNanos(850))).isEqualTo("850ns");
        assertThat(AccessLog.goDuration(Duration.ofNanos(12_500))).isEqualTo("12.5µs");
        assertThat(AccessLog.goDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(AccessLog.goDuration(Duration.ofMillis(2))).isEqualTo("2ms");
    }

    @Test
    void theFormatterNamesMapOntoTheTwoFormats() {
        assertThat(AccessLog.format("text")).isEqualTo(AccessLog.Format.TEXT);
        assertThat(AccessLog.format("json")).isEqualTo(AccessLog.Format.JSON);
        assertThat(AccessLog.format("logstash")).isEqualTo(AccessLog.Format.JSON);
    }
}
