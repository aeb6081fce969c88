package dev.berth.storage.driver;

import java.nio.charset.StandardCharsets;

/** The shape every driver path has; checked once, at the driver boundary, before any I/O. */
public final class StoragePaths {

    private static final boolean[] COMPONENT = new boolean[128];

    static {
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".chars().forEach(c -> COMPONENT[c] = true);
    }

    private StoragePaths() {
    }

    /**
     * Returns the path, or throws {@link IllegalArgumentException} naming what is wrong with it:
     * absolute, slash-separated, no empty, {@code .} or {@code ..} components, each made of
     * {@code [A-Za-z0-9._-]}, as distribution's driver paths. Every driver call checks its path,
     * so this is a scan by hand rather than a regular expression.
     */
    public static String validate(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/' || (path.length() > 1 && !componentsValid(path))) {
            throw new IllegalArgumentException("invalid storage path: " + path);
        }
        return path;
    }

    /** Whether {@code name} can be one component of a path: {@code [A-Za-z0-9._-]+}, not {@code .} or {@code ..}. */
    public static boolean isComponent(String name) {
        byte[] bytes = latin1(name);
        return isComponent(bytes, 0, bytes.length);
    }

    /** The components of {@code path}, which starts with a slash and is longer than one. */
    private static boolean componentsValid(String path) {
        byte[] bytes = latin1(path);
        int start = 1;
        for (int i = 1; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '/') {
                if (!isComponent(bytes, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /**
     * Over bytes through a table: a short-lived JVM (C1 only) runs this several times faster than
     * {@code charAt} comparisons, and the collector checks every name it lists.
     */
    private static boolean isComponent(byte[] text, int from, int to) {
        int length = to - from;
        if (length == 0 || (text[from] == '.' && (length == 1 || (length == 2 && text[from + 1] == '.')))) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = text[i];
            if (b < 0 || !COMPONENT[b]) {
                return false;
            }
        }
        return true;
    }

    /** A character outside ISO-8859-1 (a surrogate pair too) becomes one {@code ?}, which no component may hold. */
    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code parent} joined with {@code child} by one slash. */
    public static String join(String parent, String child) {
        return parent.equals("/") ? "/" + child : parent + "/" + child;
    }

    /** The last component of a path. */
    public static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The directory holding a path; the parent of a top-level path is {@code "/"}. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
