package dev.berth.server.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.server.config.AssembledRegistry;
import dev.berth.server.config.RegistryConfig;
import dev.berth.server.config.ServerAssembly;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TestImages;
import dev.berth.server.notify.Listener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The program's assembly from config.yml starts the operations side with the server. */
class AssembledOperationsTest {

    @TempDir
    Path queues;

    @Test
    void aRegistryAssembledFromConfigSendsEventsServesTheDebugEndpointsAndNoLongerWarnsAboutThem() throws Exception {
        List<String> warnings = new ArrayList<>();
        try (Listener listener = new Listener()) {
            RegistryConfig config = RegistryConfig.parse("""
                    version: 0.1
                    storage:
                      inmemory:
                      maintenance:
                        uploadpurging:
                          enabled: false
                    http:
                      addr: 127.0.0.1:0
                      secret: test-secret
                      draintimeout: 1ms
                      debug:
                        addr: 127.0.0.1:0
                    notifications:
                      endpoints:
                        - name: listener
                          url: %s
                    health:
                      storagedriver:
                        enabled: true
                    """.formatted(listener.url()), "test config", Map.of());
            try (AssembledRegistry registry = ServerAssembly.builder(config).notificationQueues(queues)
                    .warnings(warnings::add).build().start()) {
                TestClient client = new TestClient(registry.baseUri());
                OperationsTest.pushBlob(client, "library/app", TestImages.blob(100, 1));
                assertThat(listener.awaitDistinct(1, 30, TimeUnit.SECONDS)).isTrue();
                assertThat(listener.events().get(0).get("action").asText()).isEqualTo("push");

                TestClient debug = new TestClient(registry.operations().debugUri().orElseThrow());
                registry.operations().health().probeAll();
                assertThat(debug.get("/debug/health").text()).isEqualTo("{}");
                PrometheusText metrics = PrometheusText.parse(debug.get("/metrics").text());
                assertThat(metrics.value("registry_uploads_total", Map.of("outcome", "completed"))).isEqualTo(1);
                assertThat(debug.get("/debug/vars").json().get("registry").get("storage").get("driver").asText())
                        .isEqualTo("inmemory");
            }
        }
        assertThat(warnings).noneMatch(w -> w.startsWith("notifications") || w.startsWith("health")
                || w.startsWith("http.debug") || w.startsWith("log.accesslog"));
    }
}
