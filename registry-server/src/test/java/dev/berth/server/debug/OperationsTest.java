package dev.berth.server.debug;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TestImages;
import dev.berth.server.notify.Listener;
import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.ForwardingStorageDriver;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations side wired into a real server from config.yml: events, metrics, vars, health, headers. */
class OperationsTest {

    @TempDir
    Path queues;

    private final Listener listener = newListener();
    private final Listener manifestsOnly = newListener();
    private final AtomicBoolean storageDown = new AtomicBoolean();
    private OpsRegistry registry;

    @AfterEach
    void tearDown() throws IOException {
        if (registry != null) {
            registry.close();
        }
        listener.close();
        manifestsOnly.close();
    }

    private static Listener newListener() {
        try {
            return new Listener();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String yaml(String extraHttp) {
        return """
                version: 0.1
                log:
                  formatter: json
                  fields:
                    service: registry
                storage:
                  inmemory: {}
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:5000
                  headers:
                    X-Content-Type-Options: [nosniff]
                  debug:
                    addr: 127.0.0.1:0
                %s
                notifications:
                  events:
                    includereferences: true
                  endpoints:
                    - name: everything
                      url: %s
                      timeout: 500ms
                      threshold: 3
                      backoff: 100ms
                    - name: manifests-only
                      url: %s
                      ignoredmediatypes: [application/octet-stream]
                      ignore:
                        actions: [pull]
                health:
                  storagedriver:
                    enabled: true
                    interval: 1h
                    threshold: 1
                """.formatted(extraHttp.indent(2).stripTrailing(), listener.url(), manifestsOnly.url());
    }

    private OpsRegistry start(String extraHttp) throws IOException {
        InMemoryDriver memory = new InMemoryDriver();
        registry = new OpsRegistry(yaml(extraHttp), new ForwardingStorageDriver(memory) {
            @Override
            public FileInfo stat(String path) throws IOException {
                if (storageDown.get()) {
                    throw new IOException("storage unreachable");
                }
                return super.stat(path);
            }
        }, queues);
        return registry;
    }

    static Digest pushBlob(TestClient client, String repository, byte[] blob) {
        Digest digest = Digest.sha256(blob);
        TestClient.Response started = client.send("POST", "/v2/" + repository + "/blobs/uploads/", new byte[0]);
        assertThat(started.status()).isEqualTo(202);
        // Only the path and query: with http.host set the Location names a host the test cannot reach.
        URI location = URI.create(started.location());
        String target = location.getRawPath() + "?" + (location.getRawQuery() == null ? "" : location.getRawQuery() + "&");
        TestClient.Response done = client.send("PUT", target + "digest=" + digest,
                blob, "Content-Type", "application/octet-stream");
        assertThat(done.status()).isEqualTo(201);
        return digest;
    }

    @Test
    void pushPullMountAndDeleteBecomeDistributionEventsAtEveryEndpointThatWantsThem() throws Exception {
        TestClient client = start("host: https://registry.example.com").client;
        byte[] config = TestImages.config("a");
        byte[] layer = TestImages.blob(3000, 1);
        byte[] manifest = TestImages.manifest(config, layer);
        Digest configDigest = Digest.sha256(config);
        assertThat(client.send("POST", "/v2/library/app/blobs/uploads/?digest=" + configDigest, config,
                "Content-Type", "application/octet-stream").status()).isEqualTo(201);
        Digest layerDigest = pushBlob(client, "library/app", layer);
        TestClient.Response put = client.send("PUT", "/v2/library/app/manifests/v1", manifest,
                "Content-Type", MediaType.OCI_MANIFEST, "User-Agent", "docker/27.0");
        assertThat(put.status()).isEqualTo(201);
        Digest manifestDigest = Digest.sha256(manifest);
        assertThat(client.head("/v2/library/app/manifests/v1").status()).isEqualTo(200); // no event for HEAD
        assertThat(client.get("/v2/library/app/manifests/v1", "Accept", MediaType.OCI_MANIFEST).status()).isEqualTo(200);
        assertThat(client.get("/v2/library/app/blobs/" + layerDigest).status()).isEqualTo(200);
        assertThat(client.send("POST", "/v2/other/app/blobs/uploads/?mount=" + layerDigest + "&from=library/app",
                new byte[0]).status()).isEqualTo(201);
        assertThat(client.delete("/v2/library/app/manifests/" + manifestDigest).status()).isEqualTo(202);

        assertThat(listener.awaitDistinct(7, 30, TimeUnit.SECONDS)).isTrue();
        List<JsonNode> events = listener.events();
        assertThat(events).extracting(e -> e.get("action").asText() + " " + e.get("target").get("repository").asText())
                .containsExactly("push library/app", "push library/app", "push library/app", "pull library/app",
                        "pull library/app", "mount other/app", "delete library/app");
        JsonNode pushed = events.get(2);
        assertThat(pushed.get("target").get("mediaType").asText()).isEqualTo(MediaType.OCI_MANIFEST);
        assertThat(pushed.get("target").get("digest").asText()).isEqualTo(manifestDigest.toString());
        assertThat(pushed.get("target").get("size").asLong()).isEqualTo(manifest.length);
        assertThat(pushed.get("target").get("length").asLong()).isEqualTo(manifest.length);
        assertThat(pushed.get("target").get("tag").asText()).isEqualTo("v1");
        assertThat(pushed.get("target").get("url").asText())
                .isEqualTo("https://registry.example.com/v2/library/app/manifests/" + manifestDigest);
        assertThat(pushed.get("target").get("references")).hasSize(2);
        assertThat(pushed.get("request").get("method").asText()).isEqualTo("PUT");
        assertThat(pushed.get("request").get("useragent").asText()).isEqualTo("docker/27.0");
        assertThat(pushed.get("request").get("id").asText()).isEqualTo(put.header("X-Request-Id").orElseThrow());
        assertThat(pushed.get("source").get("instanceID").asText()).isNotEmpty();
        JsonNode layerPush = events.get(1);
        assertThat(layerPush.get("target").get("mediaType").asText()).isEqualTo("application/octet-stream");
        assertThat(layerPush.get("target").get("size").asLong()).isEqualTo(3000);
        assertThat(layerPush.get("target").get("url").asText()).endsWith("/v2/library/app/blobs/" + layerDigest);
        assertThat(events.get(3).get("target").get("tag").asText()).isEqualTo("v1");
        assertThat(events.get(5).get("target").get("fromRepository").asText()).isEqualTo("library/app");
        assertThat(events.get(6).get("target").get("digest").asText()).isEqualTo(manifestDigest.toString());

        assertThat(manifestsOnly.awaitDistinct(2, 30, TimeUnit.SECONDS)).isTrue();
        assertThat(manifestsOnly.events()).extracting(e -> e.get("action").asText()).containsExactly("push", "delete");
    }

    @Test
    void theDebugServerShowsRequestsBytesStorageCallsUploadsAndNotificationCounters() throws Exception {
        OpsRegistry ops = start("");
        byte[] layer = TestImages.blob(5000, 2);
        Digest digest = pushBlob(ops.client, "library/app", layer);
        assertThat(ops.client.get("/v2/library/app/blobs/" + digest).body()).hasSize(5000);
        assertThat(ops.client.get("/v2/library/app/blobs/sha256:" + "0".repeat(64)).status()).isEqualTo(404);
        assertThat(listener.awaitDistinct(2, 30, TimeUnit.SECONDS)).isTrue();

        PrometheusText scrape = PrometheusText.parse(ops.debug().get("/metrics").text());
        assertThat(scrape.value("registry_http_requests_seconds_count",
                Map.of("route", "blob", "method", "GET", "code", "200"))).isEqualTo(1);
        assertThat(scrape.value("registry_http_requests_seconds_count",
                Map.of("route", "blob", "method", "GET", "code", "404"))).isEqualTo(1);
        assertThat(scrape.value("registry_http_response_bytes_total", Map.of("route", "blob"))).isGreaterThanOrEqualTo(5000);
        assertThat(scrape.value("registry_http_request_bytes_total", Map.of("route", "blob_upload"))).isEqualTo(5000);
        assertThat(scrape.value("registry_uploads_total", Map.of("outcome", "started"))).isEqualTo(1);
        assertThat(scrape.value("registry_uploads_total", Map.of("outcome", "completed"))).isEqualTo(1);
        assertThat(scrape.value("registry_uploads_bytes_total", Map.of())).isEqualTo(5000);
        assertThat(scrape.value("registry_storage_action_seconds_count",
                Map.of("driver", "inmemory", "action", "Move"))).isPositive();
        assertThat(scrape.samples).anyMatch(s -> s.name().equals("registry_notifications_pending")
                && s.labels().equals(Map.of("endpoint", "everything")));

        JsonNode vars = ops.debug().get("/debug/vars").json();
        assertThat(vars.get("registry").get("notifications").get("endpoints")).extracting(e -> e.get("name").asText())
                .containsExactly("everything", "manifests-only");
        assertThat(vars.get("registry").get("storage").get("actions").get("Move").get("count").asLong()).isPositive();
    }

    @Test
    void aFailingStorageCheckMakesTheApiAnswer503UnavailableUntilItRecovers() throws Exception {
        OpsRegistry ops = start("");
        assertThat(ops.client.get("/v2/").status()).isEqualTo(200);
        storageDown.set(true);
        ops.operations.health().probeAll();
        TestClient.Response refused = ops.client.get("/v2/");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("UNAVAILABLE");
        assertThat(refused.header("X-Content-Type-Options")).contains("nosniff");
        TestClient.Response health = ops.debug().get("/debug/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("storagedriver_inmemory").asText()).isEqualTo("storage unreachable");
        storageDown.set(false);
        ops.operations.health().probeAll();
        assertThat(ops.client.get("/v2/").status()).isEqualTo(200);
        assertThat(ops.debug().get("/debug/health").text()).isEqualTo("{}");
    }

    @Test
    void httpHeadersAreOnEveryResponseAndLocationsUseHttpHost() throws Exception {
        OpsRegistry ops = start("host: https://registry.example.com:8443");
        assertThat(ops.client.get("/v2/").header("X-Content-Type-Options")).contains("nosniff");
        TestClient.Response missing = ops.client.get("/v2/library/app/manifests/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("X-Content-Type-Options")).contains("nosniff");
        TestClient.Response started = ops.client.send("POST", "/v2/library/app/blobs/uploads/", new byte[0]);
        assertThat(started.location()).startsWith("https://registry.example.com:8443/v2/library/app/blobs/uploads/");
        assertThat(started.header("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void relativeUrlsMakeEveryLocationAPath() throws Exception {
        OpsRegistry ops = start("relativeurls: true\nhost: https://registry.example.com");
        TestClient.Response started = ops.client.send("POST", "/v2/library/app/blobs/uploads/", new byte[0]);
        assertThat(started.location()).startsWith("/v2/library/app/blobs/uploads/");
        byte[] layer = TestImages.blob(10, 3);
        TestClient.Response done = ops.client.send("PUT", ops.client.base().resolve(started.location()) + "&digest="
                + Digest.sha256(layer), layer, "Content-Type", "application/octet-stream");
        assertThat(done.status()).isEqualTo(201);
        assertThat(done.location()).startsWith("/v2/library/app/blobs/sha256:");
        byte[] manifest = TestImages.manifest(TestImages.config("x"), layer);
        pushBlob(ops.client, "library/app", TestImages.config("x"));
        TestClient.Response put = ops.client.send("PUT", "/v2/library/app/manifests/v1", manifest,
                "Content-Type", MediaType.OCI_MANIFEST);
        assertThat(put.location()).startsWith("/v2/library/app/manifests/sha256:");
    }

    @Test
    void eventsQueuedWhenTheRegistryStopsArriveAfterItStartsAgain() throws Exception {
        listener.mood(Listener.Mood.UNREACHABLE);
        OpsRegistry first = start("");
        for (int i = 0; i < 10; i++) {
            pushBlob(first.client, "library/app", TestImages.blob(100, 100 + i));
        }
        assertThat(first.operations.notifier().orElseThrow().stats().get(0).pending()).isEqualTo(10);
        first.close();
        registry = null;
        listener.mood(Listener.Mood.UP);
        start("");
        assertThat(listener.awaitDistinct(10, 30, TimeUnit.SECONDS)).isTrue();
        assertThat(listener.ids()).hasSize(10);
    }
}
