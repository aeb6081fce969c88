package dev.berth.storage.driver;

import java.io.IOException;

/** Receives each entry of a {@link StorageDriver#walk}. */
@FunctionalInterface
public interface WalkVisitor {

    /** What the walk does after an entry. */
    enum Decision {
        /** Go on, descending into the entry if it is a directory. */
        CONTINUE,
        /** Go on, but not below this directory. */
        SKIP_DIRECTORY,
        /** End the walk. */
        STOP
    }

    Decision visit(FileInfo entry) throws IOException;
}
