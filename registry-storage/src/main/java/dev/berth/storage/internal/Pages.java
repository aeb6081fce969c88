package dev.berth.storage.internal;

import dev.berth.api.store.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The {@code n}/{@code last} paging of tag and catalog listings. */
final class Pages {

    private Pages() {
    }

    /**
     * Up to {@code n} of the sorted {@code items} whose key comes after {@code last} (all when
     * {@code last} is null or empty); {@code truncated} when more follow. {@code n <= 0} gives
     * an empty page.
     */
    static <T> Page<T> after(List<T> items, Function<T, String> key, String last, int n, Comparator<String> order) {
        if (n <= 0) {
            return Page.empty();
        }
        List<T> page = new ArrayList<>();
        for (T item : items) {
            if (last != null && !last.isEmpty() && order.compare(key.apply(item), last) <= 0) {
                continue;
            }
            if (page.size() == n) {
                return new Page<>(page, true);
            }
            page.add(item);
        }
        return new Page<>(page, false);
    }
}
