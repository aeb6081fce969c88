package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.RegistryException;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultyStorageDriverTest {

    private static final FaultyStorageDriver STORAGE = FaultyStorageDriver.wrap(new InMemoryDriver());

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.builder().storage(() -> STORAGE).build();

    @AfterEach
    void heal() {
        STORAGE.heal();
    }

    @Test
    void aFailedMoveLeavesNoBlobBehind(TestRegistry registry) {
        TestBlob layer = TestImages.seeded(4).layer(10_000);
        STORAGE.failCall(1, FaultyStorageDriver.Operation.MOVE);

        assertThatThrownBy(() -> registry.client().pushBlob("app", layer.content()))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.httpStatus()).isGreaterThanOrEqualTo(500));
        assertThat(registry.client().blobExists("app", layer.digest())).isFalse();

        STORAGE.heal();
        registry.client().pushBlob("app", layer.content());
        assertThat(registry.client().pullBlob("app", layer.digest())).isEqualTo(layer.content());
    }

    @Test
    void writesFailingPartWayLeaveNothingVisible(TestRegistry registry) {
        TestBlob layer = TestImages.seeded(5).layer(50_000);
        STORAGE.failWritesAfterBytes(20_000);

        assertThatThrownBy(() -> registry.client().pushBlob("app", layer.content())).isInstanceOf(RegistryException.class);
        assertThat(registry.client().blobExists("app", layer.digest())).isFalse();
    }

    @Test
    void theNthCallFailsAndOnlyThatOne() throws IOException {
        FaultyStorageDriver driver = FaultyStorageDriver.wrap(new InMemoryDriver());
        driver.putContent("/a", "1".getBytes(StandardCharsets.UTF_8));
        driver.failCall(2, FaultyStorageDriver.Operation.GET_CONTENT);

        assertThat(driver.getContent("/a")).isNotEmpty();
        assertThatThrownBy(() -> driver.getContent("/a")).isInstanceOf(IOException.class).hasMessageContaining("injected");
        assertThat(driver.getContent("/a")).isNotEmpty();
        assertThat(driver.calls()).isEqualTo(4);
    }

    @Test
    void aLostWriteReportsSuccessButStoresNothing() throws IOException {
        FaultyStorageDriver driver = FaultyStorageDriver.wrap(new InMemoryDriver());
        driver.loseNextWrite().putContent("/lost", new byte[] {1});
        driver.putContent("/kept", new byte[] {2});

        assertThat(driver.list("/")).containsExactly("/kept");
    }
}
