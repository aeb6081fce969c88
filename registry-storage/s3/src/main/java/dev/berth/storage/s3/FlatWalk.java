package dev.berth.storage.s3;

import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.driver.WalkVisitor;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A walk from one flat listing: a thousand keys per request, however deep the tree, where
 * listing directory by directory costs a request per directory. Directories are made up from
 * the keys, each the first time a key below it appears; since keys sharing a prefix are
 * contiguous in S3's order, every directory's entries come together, parents first. A
 * skipped directory restarts the listing after its last possible key.
 */
final class FlatWalk {

    /**
     * Sorts after every key below a directory that a path can name (those are ASCII), and is a
     * valid XML character, which S3 echoes back in the listing.
     */
    private static final String PAST_DIRECTORY = "/\u00FF";

    private final Bucket bucket;
    private final String root;
    private final WalkVisitor visitor;
    private final int pageSize;
    /** The directories of the current entry, outermost first, each visited already. */
    private final Deque<String> open = new ArrayDeque<>();
    private String skipping;
    private boolean found;

    FlatWalk(Bucket bucket, String root, WalkVisitor visitor, int pageSize) {
        this.bucket = bucket;
        this.root = root;
        this.visitor = visitor;
        this.pageSize = pageSize;
    }

    /** Walks; false when there was nothing below the root. */
    boolean run() throws IOException {
        Optional<String> startAfter = Optional.empty();
        while (true) {
            Restart restart = new Restart();
            try {
                bucket.list(root, bucket.prefix(root), Optional.empty(), startAfter, pageSize, page -> {
                    if (!visitPage(page)) {
                        throw restart;
                    }
                });
                return found;
            } catch (Restart signal) {
                if (signal.stop) {
                    return true;
                }
                startAfter = Optional.of(bucket.key(skipping) + PAST_DIRECTORY);
            }
        }
    }

    /** False when the listing must end here: to stop, or to jump past a skipped directory. */
    private boolean visitPage(ListObjectsV2Response page) throws IOException {
        for (S3Object object : page.contents()) {
            Optional<String> path = bucket.path(object.key());
            if (path.isEmpty() || !path.get().startsWith(root.equals("/") ? "/" : root + "/")) {
                continue;
            }
            found = true;
            String file = path.get();
            if (skipping != null && file.startsWith(skipping + "/")) {
                continue;
            }
            skipping = null;
            switch (enterDirectories(file)) {
                case STOP -> throw new Restart(true);
                case SKIP_DIRECTORY -> {
                    if (Boolean.TRUE.equals(page.isTruncated())) {
                        return false;
                    }
                    continue;
                }
                case CONTINUE -> {
                }
            }
            if (visitor.visit(FileInfo.file(file, object.size(), object.lastModified())) == WalkVisitor.Decision.STOP) {
                throw new Restart(true);
            }
        }
        return true;
    }

    /** Visits the directories between the root and the file not yet visited, outermost first. */
    private WalkVisitor.Decision enterDirectories(String file) throws IOException {
        String parent = StoragePaths.parent(file);
        while (!open.isEmpty() && !(parent.equals(open.peekLast()) || parent.startsWith(open.peekLast() + "/"))) {
            open.removeLast();
        }
        int from = open.isEmpty() ? (root.equals("/") ? 0 : root.length()) : open.peekLast().length();
        for (int slash = parent.indexOf('/', from + 1); from < parent.length(); slash = parent.indexOf('/', from + 1)) {
            String directory = slash < 0 ? parent : parent.substring(0, slash);
            from = directory.length();
            if (directory.length() <= root.length()) {
                continue;
            }
            WalkVisitor.Decision decision = visitor.visit(FileInfo.directory(directory, Instant.EPOCH));
            if (decision == WalkVisitor.Decision.SKIP_DIRECTORY) {
                skipping = directory;
                return decision;
            }
            if (decision == WalkVisitor.Decision.STOP) {
                return decision;
            }
            open.addLast(directory);
        }
        return WalkVisitor.Decision.CONTINUE;
    }

    /** Unwinds the listing callback; not an error. */
    private static final class Restart extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean stop;

        Restart() {
            this(false);
        }

        Restart(boolean stop) {
            super(null, null, false, false);
            this.stop = stop;
        }
    }
}
