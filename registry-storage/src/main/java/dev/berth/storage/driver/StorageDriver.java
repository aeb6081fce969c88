package dev.berth.storage.driver;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A path-keyed object store: the one thing a storage backend has to provide.
 *
 * <p>Paths are absolute, slash-separated and made of {@code [A-Za-z0-9._-]} components (see
 * {@link StoragePaths#validate(String)}); {@code "/"} is the root. There are no real directories:
 * a "directory" exists while some file lies below it, as on object storage. Every method that
 * names a path which does not exist throws {@link PathNotFoundException}.
 *
 * <p>Drivers implement the abstract methods; {@link #walk} and {@link #redirectUrl} have
 * defaults that drivers with a cheaper way (a flat object listing, presigned URLs) override.
 * Implementations must be safe for concurrent use.
 */
public interface StorageDriver extends Closeable {

    /** The driver's name, as in {@code config.yml}: {@code filesystem}, {@code s3}, … */
    String name();

    /** Reads a whole small file (links, manifests, {@code startedat}). */
    byte[] getContent(String path) throws IOException;

    /** Writes a whole small file atomically: readers see the old content or the new, never a part. */
    void putContent(String path, byte[] content) throws IOException;

    /**
     * Opens a stream over the file from {@code offset}. An offset equal to the size gives an
     * empty stream; beyond it, {@link InvalidOffsetException}.
     */
    InputStream reader(String path, long offset) throws IOException;

    /**
     * Opens a writer on the file. With {@code append}, writing continues after what earlier
     * writers left there (closed without commit), even from another process or node: this is
     * how a registry upload resumes. Without it, the file starts empty.
     */
    StorageWriter writer(String path, boolean append) throws IOException;

    /** Describes a file or directory. */
    FileInfo stat(String path) throws IOException;

    /** The full paths of the direct children of a directory, in no particular order. */
    List<String> list(String path) throws IOException;

    /** Moves a file, replacing whatever is at the destination. */
    void move(String sourcePath, String destPath) throws IOException;

    /** Deletes a file or, recursively, a directory. */
    void delete(String path) throws IOException;

    /**
     * A URL from which a client can fetch the file directly (presigned, SAS, signed), or empty
     * when this driver cannot make one. The URL must not carry long-lived credentials.
     */
    default Optional<URI> redirectUrl(String path, String method, Duration expiry) throws IOException {
        return Optional.empty();
    }

    /**
     * Visits every file and directory below {@code path}, depth first, parents before children.
     * The default lists and stats each directory; object-store drivers override it with a flat
     * listing, which is one request per thousand keys instead of one per directory.
     */
    default void walk(String path, WalkVisitor visitor) throws IOException {
        Walks.walkByListing(this, path, visitor);
    }

    /** Releases clients and threads. The default has nothing to release. */
    @Override
    default void close() throws IOException {
    }
}
