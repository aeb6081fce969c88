package dev.berth.api.store;

import dev.berth.api.RepositoryName;

/**
 * One repository: its blobs (as linked into it), uploads, manifests and tags. Getting a
 * repository does no I/O; it exists once something is pushed to it.
 */
public interface Repository {

    RepositoryName name();

    /** The blobs linked into this repository; delete unlinks. */
    BlobStore blobs();

    BlobUploads uploads();

    ManifestIndex manifests();

    TagIndex tags();

    /** Whether anything has been pushed to the repository. */
    boolean exists();
}
