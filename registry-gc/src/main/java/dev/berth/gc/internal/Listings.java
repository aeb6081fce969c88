package dev.berth.gc.internal;

import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.store.Page;
import dev.berth.api.store.Registry;
import dev.berth.api.store.TagIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Whole listings out of the paged ones (catalog, tags), a thousand at a time. */
public final class Listings {

    private static final int PAGE = 1000;

    private Listings() {
    }

    /** Every repository, in lexical order. */
    public static List<RepositoryName> repositories(Registry registry) {
        return all(registry.catalog()::list, RepositoryName::value);
    }

    /** Every tag of a repository, in lexical order. */
    public static List<Tag> tags(TagIndex tags) {
        return all(tags::list, Tag::value);
    }

    private static <T> List<T> all(BiFunction<String, Integer, Page<T>> lister, Function<T, String> key) {
        List<T> all = new ArrayList<>();
        String last = null;
        Page<T> page;
        do {
            page = lister.apply(last, PAGE);
            all.addAll(page.items());
            if (!page.items().isEmpty()) {
                last = key.apply(page.items().get(page.items().size() - 1));
            }
        } while (page.truncated() && !page.items().isEmpty());
        return all;
    }
}
