package dev.berth.api.store;

import dev.berth.api.RepositoryName;

/**
 * A registry's content: the facade the HTTP layer, the collector and embedders work through.
 * Implementations are thread-safe.
 */
public interface Registry {

    /** The repository of that name, whether or not it exists yet. No I/O. */
    Repository repository(RepositoryName name);

    Catalog catalog();

    /** Every blob in the registry, whichever repositories link it: what the collector sweeps. */
    BlobStore blobs();
}
