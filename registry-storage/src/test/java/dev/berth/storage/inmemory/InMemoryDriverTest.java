package dev.berth.storage.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.storage.driver.DriverParameters;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverContract;
import dev.berth.storage.driver.StorageDrivers;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryDriverTest extends StorageDriverContract {

    @Override
    protected StorageDriver newDriver() {
        return new InMemoryDriver();
    }

    @Override
    protected boolean keepsContentOnHeap() {
        return true;
    }

    @Test
    void factoryIsFoundByName() throws IOException {
        try (StorageDriver made = StorageDrivers.discover().create(DriverParameters.of("inmemory", Map.of()))) {
            assertThat(made.name()).isEqualTo("inmemory");
            assertThat(StorageDrivers.discover().names()).contains("inmemory", "filesystem");
        }
    }
}
