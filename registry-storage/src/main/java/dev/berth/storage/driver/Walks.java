package dev.berth.storage.driver;

import java.io.IOException;
import java.util.List;

/** The portable walk: list a directory, stat each child, descend. */
final class Walks {

    private Walks() {
    }

    static void walkByListing(StorageDriver driver, String path, WalkVisitor visitor) throws IOException {
        descend(driver, driver.list(path), visitor);
    }

    /** Returns false when the visitor asked to stop. */
    private static boolean descend(StorageDriver driver, List<String> listing, WalkVisitor visitor) throws IOException {
        List<String> children = listing.stream().sorted().toList();
        for (String child : children) {
            FileInfo info;
            try {
                info = driver.stat(child);
            } catch (PathNotFoundException deletedWhileWalking) {
                continue;
            }
            switch (visitor.visit(info)) {
                case STOP:
                    return false;
                case SKIP_DIRECTORY:
                    continue;
                case CONTINUE:
                    if (info.isDirectory() && !descendInto(driver, child, visitor)) {
                        return false;
                    }
                    break;
            }
        }
        return true;
    }

    /** A directory deleted after it was listed is walked as empty: the walk reports what it finds. */
    private static boolean descendInto(StorageDriver driver, String directory, WalkVisitor visitor) throws IOException {
        List<String> listing;
        try {
            listing = driver.list(directory);
        } catch (PathNotFoundException deletedWhileWalking) {
            return true;
        }
        return descend(driver, listing, visitor);
    }
}
