package dev.berth.gc;

/**
 * Hears a collection as it goes: what the CLI prints distribution's lines from. The collector
 * itself never prints. {@link #repositoryMarked} is called from the thread that runs the
 * collection, one repository after the other in catalog order; {@link #progress} may be called
 * from any of the collection's worker threads, so implementations must be thread-safe.
 */
public interface GcListener {

    /** A listener that hears nothing. */
    GcListener NONE = new GcListener() {
    };

    /** The verdict on every manifest of one repository, once the mark phase has reached it. */
    default void repositoryMarked(RepositoryMarking marking) {
    }

    /** Counts so far; called often during long phases, cheap to ignore. */
    default void progress(GcProgress progress) {
    }
}
