package dev.berth.server.debug;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.server.health.HealthChecks;
import dev.berth.server.metrics.RegistryMetrics;
import dev.berth.server.notify.EndpointStats;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.inmemory.InMemoryDriver;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DebugServerTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HealthChecks health = new HealthChecks(scheduler, Clock.systemUTC());
    private final RegistryMetrics metrics = RegistryMetrics.prometheus();
    private final OkHttpClient client = new OkHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean storageDown = new AtomicBoolean();
    private final EndpointStats endpoint = new EndpointStats("listener", "http://listener.test/events", 3, 10, 2, 1, 0,
            Map.of("200 OK", 10L));
    private DebugServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        health.close();
        scheduler.shutdownNow();
        client.dispatcher().executorService().shutdown();
    }

    private DebugServer start(StorageDriver driver) throws IOException {
        health.register("storagedriver_inmemory", () -> {
            if (storageDown.get()) {
                throw new IOException("storage unreachable");
            }
        }, Duration.ofHours(1), 0);
        server = DebugServer.builder()
                .address("127.0.0.1:0")
                .health(health)
                .vars(new DebugVars(() -> List.of(endpoint), driver.name(), metrics.registry()))
                .prometheus((PrometheusMeterRegistry) metrics.registry(), "/metrics")
                .build()
                .start();
        return server;
    }

    @Test
    void healthIsAnEmptyObjectWhileEveryCheckPassesAnd503WithTheErrorsOtherwise() throws Exception {
        start(new InMemoryDriver());
        health.probeAll();
        try (Response ok = get("/debug/health")) {
            assertThat(ok.code()).isEqualTo(200);
            assertThat(ok.header("Content-Type")).startsWith("application/json");
            assertThat(ok.body().string()).isEqualTo("{}");
        }
        storageDown.set(true);
        health.probeAll();
        try (Response failing = get("/debug/health")) {
            assertThat(failing.code()).isEqualTo(503);
            assertThat(json.readTree(failing.body().string()).get("storagedriver_inmemory").asText())
                    .isEqualTo("storage unreachable");
        }
    }

    @Test
    void varsShowTheRuntimeTheNotificationEndpointsAndTheStorageCalls() throws Exception {
        StorageDriver driver = metrics.instrument(new InMemoryDriver());
        start(driver);
        driver.putContent("/docker/registry/v2/x", new byte[] {1});
        driver.getContent("/docker/registry/v2/x");
        driver.getContent("/docker/registry/v2/x");
        JsonNode vars;
        try (Response response = get("/debug/vars")) {
            assertThat(response.code()).isEqualTo(200);
            vars = json.readTree(response.body().string());
        }
        assertThat(vars.get("runtime").get("heapUsedBytes").asLong()).isPositive();
        assertThat(vars.get("runtime").get("processors").asInt()).isPositive();
        JsonNode listener = vars.get("registry").get("notifications").get("endpoints").get(0);
        assertThat(listener.get("name").asText()).isEqualTo("listener");
        assertThat(listener.get("Metrics").get("Pending").asLong()).isEqualTo(3);
        assertThat(listener.get("Metrics").get("Successes").asLong()).isEqualTo(10);
        assertThat(listener.get("Metrics").get("Statuses").get("200 OK").asLong()).isEqualTo(10);
        JsonNode storage = vars.get("registry").get("storage");
        assertThat(storage.get("driver").asText()).isEqualTo("inmemory");
        assertThat(storage.get("actions").get("GetContent").get("count").asLong()).isEqualTo(2);
        assertThat(storage.get("actions").get("PutContent").get("count").asLong()).isEqualTo(1);
    }

    @Test
    void metricsAreWellFormedPrometheusTextWithRequestsBytesStorageUploadsAndGc() throws Exception {
        StorageDriver driver = metrics.instrument(new InMemoryDriver());
        start(driver);
        try {
            driver.stat("/missing");
        } catch (PathNotFoundException expected) {
            // failed calls are timed too
        }
        metrics.request("blob", "GET", 200, Duration.ofMillis(12), 0, 4096);
        metrics.request("blob", "GET", 200, Duration.ofMillis(8), 0, 1024);
        metrics.request("manifest", "PUT", 201, Duration.ofMillis(5), 700, 0);
        metrics.upload("started");
        metrics.upload("completed");
        metrics.collected(false, Duration.ofSeconds(2), 4, 1, 123_456);

        String text;
        try (Response response = get("/metrics")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            text = response.body().string();
        }
        PrometheusText scrape = PrometheusText.parse(text);
        assertThat(scrape.types).containsEntry("registry_http_requests_seconds", "histogram");
        assertThat(scrape.value("registry_http_requests_seconds_count",
                Map.of("route", "blob", "method", "GET", "code", "200"))).isEqualTo(2);
        assertThat(scrape.value("registry_http_requests_seconds_sum",
                Map.of("route", "blob", "method", "GET", "code", "200"))).isEqualTo(0.020, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(scrape.value("registry_http_response_bytes_total", Map.of("route", "blob"))).isEqualTo(5120);
        assertThat(scrape.value("registry_http_request_bytes_total", Map.of("route", "manifest"))).isEqualTo(700);
        assertThat(scrape.value("registry_storage_action_seconds_count",
                Map.of("driver", "inmemory", "action", "Stat"))).isEqualTo(1);
        assertThat(scrape.value("registry_uploads_total", Map.of("outcome", "completed"))).isEqualTo(1);
        assertThat(scrape.value("registry_gc_blobs_total", Map.of("mode", "delete"))).isEqualTo(4);
        assertThat(scrape.value("registry_gc_bytes_total", Map.of("mode", "delete"))).isEqualTo(123_456);
    }

    @Test
    void onlyGetAndHeadAreServed() throws Exception {
        start(new InMemoryDriver());
        Request post = new Request.Builder().url(server.baseUri() + "/metrics")
                .post(okhttp3.RequestBody.create(new byte[0])).build();
        try (Response response = client.newCall(post).execute()) {
            assertThat(response.code()).isEqualTo(405);
        }
    }

    private Response get(String path) throws IOException {
        return client.newCall(new Request.Builder().url(server.baseUri() + path).build()).execute();
    }
}
