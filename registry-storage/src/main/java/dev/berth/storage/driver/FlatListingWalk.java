package dev.berth.storage.driver;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link StorageDriver#walk} over a flat, lexicographically sorted listing of the files below a
 * directory, as object stores return it (one request per thousand keys rather than one per
 * directory). Directories are derived from the file paths and visited before their contents.
 *
 * <p>Sorted keys are enough for a depth-first walk: every key below {@code d/} lies in one
 * contiguous run of a sorted listing, so a directory's subtree is never interleaved with another's.
 * Siblings come in key order ({@code b-x} before {@code b/…}), which may differ from the
 * name order of {@link Walks#walkByListing}; both are depth first, parents before children.
 */
public final class FlatListingWalk {

    private FlatListingWalk() {
    }

    /**
     * Walks {@code files}, every file strictly below {@code root} in ascending path order, and the
     * directories between {@code root} and them.
     */
    public static void walk(String root, Iterable<FileInfo> files, WalkVisitor visitor) throws IOException {
        String rootPrefix = root.equals("/") ? "/" : root + "/";
        Deque<String> open = new ArrayDeque<>();
        String skipped = null;
        for (FileInfo file : files) {
            String path = file.path();
            if (!path.startsWith(rootPrefix)) {
                throw new IllegalArgumentException(path + " is not below " + root);
            }
            if (skipped != null && path.startsWith(skipped)) {
                continue;
            }
            skipped = null;
            while (!open.isEmpty() && !path.startsWith(open.peek())) {
                open.pop();
            }
            int from = open.isEmpty() ? rootPrefix.length() : open.peek().length();
            boolean visitFile = true;
            for (int slash = path.indexOf('/', from); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                String directory = path.substring(0, slash);
                WalkVisitor.Decision decision = visitor.visit(FileInfo.directory(directory, Instant.EPOCH));
                if (decision == WalkVisitor.Decision.STOP) {
                    return;
                }
                if (decision == WalkVisitor.Decision.SKIP_DIRECTORY) {
                    skipped = directory + "/";
                    visitFile = false;
                    break;
                }
                open.push(directory + "/");
            }
            if (visitFile && visitor.visit(file) == WalkVisitor.Decision.STOP) {
                return;
            }
        }
    }
}
