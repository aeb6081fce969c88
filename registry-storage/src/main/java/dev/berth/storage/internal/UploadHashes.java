package dev.berth.storage.internal;

import dev.berth.api.Digester;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The running hash of recent uploads, so a chunked upload hashes each byte once. Bounded
 * (least recently used go first): an upload whose state is gone, or that continues on another
 * node, is re-hashed from storage, which is always correct, only slower.
 */
public final class UploadHashes {

    private final Map<String, Digester> states;

    public UploadHashes(int capacity) {
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Digester> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A copy of the saved state if it has hashed exactly {@code size} bytes. */
    public synchronized Optional<Digester> at(String key, long size) {
        Digester state = states.get(key);
        return state != null && state.size() == size ? Optional.of(state.copy()) : Optional.empty();
    }

    public synchronized void save(String key, Digester state) {
        states.put(key, state.copy());
    }

    public synchronized void forget(String key) {
        states.remove(key);
    }
}
