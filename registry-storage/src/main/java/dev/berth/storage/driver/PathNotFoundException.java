package dev.berth.storage.driver;

import java.io.FileNotFoundException;

/** The path does not exist on the driver. Typed, so stores can turn it into BLOB_UNKNOWN and the like. */
public class PathNotFoundException extends FileNotFoundException {

    private final String path;
    private final String driver;

    public PathNotFoundException(String driver, String path) {
        super(driver + ": path not found: " + path);
        this.path = path;
        this.driver = driver;
    }

    public String path() {
        return path;
    }

    public String driver() {
        return driver;
    }
}
