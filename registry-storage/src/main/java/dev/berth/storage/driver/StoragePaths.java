package dev.berth.storage.driver;

import java.util.regex.Pattern;

/** The shape every driver path has; checked once, at the driver boundary, before any I/O. */
public final class StoragePaths {

    /** Absolute, slash-separated, no empty, {@code .} or {@code ..} components: as distribution's driver paths. */
    private static final Pattern PATH = Pattern.compile("/|(/[A-Za-z0-9._-]+)+");

    private StoragePaths() {
    }

    /** Returns the path, or throws {@link IllegalArgumentException} naming what is wrong with it. */
    public static String validate(String path) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("invalid storage path: " + path);
        }
        for (String component : path.substring(1).split("/")) {
            if (component.equals(".") || component.equals("..")) {
                throw new IllegalArgumentException("invalid storage path: " + path);
            }
        }
        return path;
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
