package dev.berth.server.conformance;

import dev.berth.api.store.Registry;

/** Fresh registries for tests. */
public final class TestRegistries {

    public Registry inMemory() {
        return new MapRegistry();
    }
}
