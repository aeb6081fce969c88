package dev.berth.server.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.server.config.RegistryConfig;
import dev.berth.server.notify.Action;
import dev.berth.server.notify.EndpointConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** notifications.endpoints in config.yml become endpoint settings with distribution's names and defaults. */
class EndpointConfigMappingTest {

    private static List<EndpointConfig> endpoints(String endpointsYaml) {
        RegistryConfig config = RegistryConfig.parse("""
                version: 0.1
                storage:
                  inmemory:
                notifications:
                  endpoints:
                %s
                """.formatted(endpointsYaml.indent(4).stripTrailing()), "test", Map.of());
        return config.notifications().endpoints().stream().map(Operations::endpoint).toList();
    }

    @Test
    void gitLabsExampleReadsBareNumbersAsMillisecondsAndKeepsTheHeaders() {
        EndpointConfig endpoint = endpoints("""
                - name: alistener
                  disabled: false
                  url: https://my.listener.com/event
                  headers:
                    Authorization: [Bearer token]
                  timeout: 500
                  threshold: 5
                  backoff: 1000
                """).get(0);
        assertThat(endpoint.name()).isEqualTo("alistener");
        assertThat(endpoint.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(endpoint.backoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(endpoint.threshold()).isEqualTo(5);
        assertThat(endpoint.headers()).containsEntry("Authorization", List.of("Bearer token"));
    }

    @Test
    void durationsWithUnitsDefaultsAndBothIgnoreListsAreRead() {
        List<EndpointConfig> all = endpoints("""
                - name: a
                  url: http://a.test/events
                  timeout: 2s
                  backoff: 1m30s
                  ignoredmediatypes: [application/octet-stream]
                  ignore:
                    mediatypes: [application/vnd.oci.image.config.v1+json]
                    actions: [pull, Mount]
                - name: b
                  url: http://b.test/events
                  disabled: true
                """);
        EndpointConfig a = all.get(0);
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(a.backoff()).isEqualTo(Duration.ofSeconds(90));
        assertThat(a.ignoredMediaTypes()).containsExactlyInAnyOrder("application/octet-stream",
                "application/vnd.oci.image.config.v1+json");
        assertThat(a.ignoredActions()).containsExactlyInAnyOrder(Action.PULL, Action.MOUNT);
        EndpointConfig b = all.get(1);
        assertThat(b.disabled()).isTrue();
        assertThat(b.timeout()).isEqualTo(EndpointConfig.DEFAULT_TIMEOUT);
        assertThat(b.threshold()).isEqualTo(EndpointConfig.DEFAULT_THRESHOLD);
        assertThat(b.backoff()).isEqualTo(EndpointConfig.DEFAULT_BACKOFF);
    }
}
