package dev.berth.storage.driver;

import java.io.IOException;

/** A read or write asked for an offset past the end of the file. */
public class InvalidOffsetException extends IOException {

    private final String path;
    private final long offset;

    public InvalidOffsetException(String driver, String path, long offset) {
        super(driver + ": invalid offset " + offset + " for " + path);
        this.path = path;
        this.offset = offset;
    }

    public String path() {
        return path;
    }

    public long offset() {
        return offset;
    }
}
