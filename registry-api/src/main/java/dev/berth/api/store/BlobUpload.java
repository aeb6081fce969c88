package dev.berth.api.store;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import java.io.InputStream;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * An upload in progress. Bytes are staged out of sight and hashed as they arrive; only a
 * successful {@link #commit} makes a blob visible, so a failed or abandoned upload never
 * leaves a half-blob. An upload can be resumed by id in another request, process or node.
 */
public interface BlobUpload {

    /** The upload's id: the UUID in its URL. */
    String id();

    Instant startedAt();

    /** Bytes received so far. */
    long size();

    /**
     * Appends {@code content} at {@code offset}, which must equal {@link #size()}
     * ({@code RANGE_INVALID} otherwise: chunks arrive in order). Returns the new size.
     */
    long append(InputStream content, long offset);

    /**
     * Verifies the bytes against {@code expected} (and {@code expectedSize} when given) and
     * moves them into the store, linking the blob into the repository. On
     * {@code DIGEST_INVALID} or {@code SIZE_INVALID} nothing becomes visible.
     */
    Descriptor commit(Digest expected, OptionalLong expectedSize);

    /** Discards the upload. */
    void cancel();
}
