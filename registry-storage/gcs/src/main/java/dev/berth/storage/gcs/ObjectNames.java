package dev.berth.storage.gcs;

import dev.berth.storage.driver.StoragePaths;
import java.util.Optional;

/**
 * Maps driver paths to object names under the root directory, and names the writer's own
 * objects: a session record and parts, whose {@code ~} no driver path can contain, so listings
 * never show them.
 */
final class ObjectNames {

    private final String prefix;

    ObjectNames(String rootDirectory) {
        String root = rootDirectory.replaceAll("^/+|/+$", "");
        this.prefix = root.isEmpty() ? "" : root + "/";
    }

    String name(String path) {
        return prefix + path.substring(1);
    }

    /** The prefix every object below a directory has; at the root, the root prefix. */
    String directoryPrefix(String path) {
        return path.equals("/") ? prefix : name(path) + "/";
    }

    /** The driver path of an object name or listing prefix; empty for names no driver path has. */
    Optional<String> path(String name) {
        if (!name.startsWith(prefix)) {
            return Optional.empty();
        }
        String relative = name.substring(prefix.length());
        if (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        try {
            return Optional.of(StoragePaths.validate("/" + relative));
        } catch (IllegalArgumentException notADriverPath) {
            return Optional.empty();
        }
    }

    /** Where a writer records its resumable session, so a writer on another node can finish it. */
    static String sessionRecord(String name) {
        return name + "~session";
    }

    /** The part an appending writer uploads from {@code offset}, composed onto the object at close. */
    static String part(String name, long offset) {
        return name + "~part-" + offset;
    }
}
