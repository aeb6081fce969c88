package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ErrorCode;
import dev.berth.api.Platform;
import dev.berth.api.RegistryException;
import dev.berth.server.http.RouteInfo;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@RegistryTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryTestAnnotationTest {

    private static final AtomicReference<TestRegistry> FIRST = new AtomicReference<>();

    @Test
    @Order(1)
    void aPushedImageCanBePulledBack(TestRegistry registry) {
        FIRST.set(registry);
        TestImage image = TestImages.seeded(1).image(2, 4096);

        registry.client().push("team/app", "v1", image);

        RegistryClient.PulledManifest pulled = registry.client().pullManifest("team/app", "v1");
        assertThat(pulled.digest()).isEqualTo(image.digest());
        assertThat(pulled.bytes()).isEqualTo(image.manifestBytes());
        assertThat(registry.client().pullBlob("team/app", image.blobs().get(1).digest()))
                .isEqualTo(image.blobs().get(1).content());
    }

    @Test
    @Order(2)
    void theClassSharesOneRegistry(TestRegistry registry) {
        assertThat(registry).isSameAs(FIRST.get());
        assertThat(registry.client().catalog()).contains("team/app");
    }

    @Test
    @Order(3)
    void requestsAreRecordedWithTheirRoute(TestRegistry registry) {
        registry.reset();
        assertThatThrownBy(() -> registry.client().tags("nothing/here"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NAME_UNKNOWN));

        RecordedRequest request = registry.takeRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v2/nothing/here/tags/list");
        assertThat(request.status()).isEqualTo(404);
        assertThat(request.route().name()).isEqualTo(RouteInfo.ROUTE_TAGS);
    }

    @Test
    @Order(4)
    void resetForgetsEverything(TestRegistry registry) {
        registry.client().push("a", "latest", TestImages.seeded(2).multiArch(
                List.of(Platform.of("linux", "amd64"), Platform.of("linux", "arm64")), 1, 128));
        assertThat(registry.client().catalog()).contains("a");

        registry.reset();

        assertThat(registry.client().catalog()).isEmpty();
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    @Order(5)
    void hostAndPortNamesTheLoopbackListener(TestRegistry registry) {
        assertThat(registry.hostAndPort()).startsWith("127.0.0.1:").isEqualTo(
                registry.baseUri().getHost() + ":" + registry.baseUri().getPort());
    }
}
