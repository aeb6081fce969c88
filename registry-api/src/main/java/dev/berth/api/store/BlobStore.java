package dev.berth.api.store;

import dev.berth.api.Digest;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Content addressed by digest. The registry-wide store holds every blob; a repository's view
 * holds the blobs linked into that repository, and deleting there only unlinks.
 *
 * <p>Failures are {@link dev.berth.api.RegistryException}s: {@code BLOB_UNKNOWN} for a digest
 * that is not there, {@code UNAVAILABLE} when storage fails.
 */
public interface BlobStore {

    Optional<BlobInfo> stat(Digest digest);

    /** A stream over the blob from {@code offset}; the caller closes it. */
    InputStream open(Digest digest, long offset);

    /**
     * A short-lived URL a client can fetch the blob from directly, when the storage can make
     * one (S3 presigned, Azure SAS, GCS signed URLs); empty otherwise.
     */
    Optional<URI> redirect(Digest digest, String method, Duration expiry);

    /** Deletes the blob (the registry-wide store) or its link (a repository's view). */
    void delete(Digest digest);

    /** Every digest in this store, lazily; close the stream. */
    Stream<Digest> digests();
}
