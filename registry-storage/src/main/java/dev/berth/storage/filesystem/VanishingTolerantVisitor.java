package dev.berth.storage.filesystem;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;

/**
 * A tree visit that passes over entries removed while it runs (by a concurrent delete, say)
 * and fails on every other error: the walk and the recursive delete of the filesystem driver.
 */
abstract class VanishingTolerantVisitor extends SimpleFileVisitor<Path> {

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        rethrowUnlessVanished(e);
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
        rethrowUnlessVanished(e);
        return FileVisitResult.CONTINUE;
    }

    /** Rethrows {@code e} unless it is none or says the entry is gone. */
    static void rethrowUnlessVanished(IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
            throw e;
        }
    }
}
