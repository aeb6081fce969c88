package dev.berth.storage.azure;

/**
 * Maps driver paths to blob names under the root directory, in one of the two layouts that
 * Azure registries have used.
 *
 * <p>The legacy layout (distribution before GitLab 16, {@code trimlegacyrootprefix: false}) kept
 * the driver path's leading slash, so every blob name starts with {@code /}: the container shows
 * an unnamed first directory ({@code //} in URLs, {@code /<no-name>/} in the portal). The standard
 * layout, the default since GitLab 16, drops it; storage copied from a filesystem or another
 * object store is in that layout, and reading it with the legacy one finds nothing.
 */
final class BlobNames {

    private final String prefix;

    /**
     * @param rootDirectory the configured {@code rootdirectory}, slashes at either end optional
     * @param legacyRootPrefix whether names keep the leading slash of the legacy layout
     */
    BlobNames(String rootDirectory, boolean legacyRootPrefix) {
        String root = trimSlashes(rootDirectory);
        String standard = root.isEmpty() ? "" : root + "/";
        this.prefix = legacyRootPrefix ? "/" + standard : standard;
    }

    /** The blob name of a file path; for {@code "/"}, the root prefix itself. */
    String name(String path) {
        return prefix + path.substring(1);
    }

    /** The prefix every blob below a directory path has, ending with a slash (or empty at the root). */
    String directoryPrefix(String path) {
        return path.equals("/") ? prefix : name(path) + "/";
    }

    /** The driver path of a blob name (or of a listing prefix, with or without its trailing slash). */
    String path(String name) {
        if (!name.startsWith(prefix)) {
            throw new IllegalArgumentException("blob " + name + " lies outside the root '" + prefix + "'");
        }
        String relative = name.substring(prefix.length());
        if (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        return "/" + relative;
    }

    /** The root prefix, for diagnostics. */
    String rootPrefix() {
        return prefix;
    }

    private static String trimSlashes(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == '/') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == '/') {
            end--;
        }
        return value.substring(start, end);
    }
}
