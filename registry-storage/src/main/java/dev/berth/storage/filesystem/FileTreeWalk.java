package dev.berth.storage.filesystem;

import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.driver.WalkVisitor;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Hands a {@link java.nio.file.Files#walkFileTree} to a {@link WalkVisitor}, in driver paths:
 * the filesystem driver's walk. Entries deleted while walking are passed over.
 */
final class FileTreeWalk extends VanishingTolerantVisitor {

    private final Path start;
    private final String prefix;
    private final WalkVisitor visitor;

    FileTreeWalk(Path start, String path, WalkVisitor visitor) {
        this.start = start;
        this.prefix = path.equals("/") ? "" : path;
        this.visitor = visitor;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
        if (directory.equals(start)) {
            return FileVisitResult.CONTINUE;
        }
        String path = driverPath(directory);
        if (path == null) {
            return FileVisitResult.SKIP_SUBTREE;
        }
        return result(visitor.visit(FileInfo.directory(path, attributes.lastModifiedTime().toInstant())),
                FileVisitResult.SKIP_SUBTREE);
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        String path = driverPath(file);
        if (path == null) {
            return FileVisitResult.CONTINUE;
        }
        return result(visitor.visit(FileInfo.file(path, attributes.size(), attributes.lastModifiedTime().toInstant())),
                FileVisitResult.CONTINUE);
    }

    /** The driver path of an entry below the start, or null when a component is no path's. */
    private String driverPath(Path entry) {
        StringBuilder path = new StringBuilder(prefix);
        for (Path component : start.relativize(entry)) {
            String name = component.toString();
            if (!StoragePaths.isComponent(name)) {
                return null;
            }
            path.append('/').append(name);
        }
        return path.toString();
    }

    private static FileVisitResult result(WalkVisitor.Decision decision, FileVisitResult skip) {
        return switch (decision) {
            case CONTINUE -> FileVisitResult.CONTINUE;
            case SKIP_DIRECTORY -> skip;
            case STOP -> FileVisitResult.TERMINATE;
        };
    }
}
