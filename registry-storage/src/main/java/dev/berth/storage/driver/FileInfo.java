package dev.berth.storage.driver;

import java.time.Instant;
import java.util.Objects;

/**
 * What a driver knows of a path. A directory's size is 0 and its modification time may be
 * {@link Instant#EPOCH} on stores without real directories.
 */
public record FileInfo(String path, long size, Instant modifiedAt, boolean isDirectory) {

    public FileInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + path);
        }
    }

    public static FileInfo file(String path, long size, Instant modifiedAt) {
        return new FileInfo(path, size, modifiedAt, false);
    }

    public static FileInfo directory(String path, Instant modifiedAt) {
        return new FileInfo(path, 0, modifiedAt, true);
    }
}
