package dev.berth.api.store;

import dev.berth.api.RepositoryName;

/** The repositories of a registry. */
public interface Catalog {

    /** Up to {@code n} repositories after {@code last} (exclusive; null for the start), in lexical order. */
    Page<RepositoryName> list(String last, int n);
}
