package dev.berth.server.conformance;

import dev.berth.storage.StorageRegistry;
import dev.berth.storage.filesystem.FilesystemDriver;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.nio.file.Path;

/** Fresh registries for tests, on the real store. */
public final class TestRegistries {

    private TestRegistries() {
    }

    public static StorageRegistry inMemory() {
        return StorageRegistry.builder(new InMemoryDriver()).build();
    }

    public static StorageRegistry filesystem(Path root) {
        return StorageRegistry.builder(new FilesystemDriver(root)).build();
    }
}
