package dev.berth.api.store;

import java.util.List;

/**
 * One page of a lexically ordered listing (tags, repositories). {@code truncated} says more
 * items follow the last one, so the HTTP layer knows whether to send a {@code Link} header.
 */
public record Page<T>(List<T> items, boolean truncated) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> empty() {
        return new Page<>(List.of(), false);
    }
}
