package dev.berth.storage.copy;

/**
 * Progress of a {@link StorageCopier} run, one call per file. Called from the copying threads,
 * so implementations must be thread-safe. In a dry run, {@link #copied} and {@link #deleted}
 * report what the run would do.
 */
public interface CopyListener {

    /** Listens to nothing. */
    CopyListener NONE = new CopyListener() {
    };

    /** The file was copied (or, in a dry run, would be). */
    default void copied(String path, long size) {
    }

    /** The file was at the destination already, with the same content. */
    default void skipped(String path, long size) {
    }

    /** The file, at the destination only, was deleted (or, in a dry run, would be). */
    default void deleted(String path) {
    }

    /** The file could not be copied or deleted; the run goes on with the others. */
    default void failed(String path, Exception error) {
    }
}
