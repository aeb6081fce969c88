package dev.berth.storage.driver;

/** The shape every driver path has; checked once, at the driver boundary, before any I/O. */
public final class StoragePaths {

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
        return isComponent(name, 0, name.length());
    }

    /** The components of {@code path}, which starts with a slash and is longer than one. */
    private static boolean componentsValid(String path) {
        int start = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (!isComponent(path, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    private static boolean isComponent(String text, int from, int to) {
        int length = to - from;
        if (length == 0 || (text.charAt(from) == '.' && (length == 1 || (length == 2 && text.charAt(from + 1) == '.')))) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
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
