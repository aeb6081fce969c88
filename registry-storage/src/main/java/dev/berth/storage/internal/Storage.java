package dev.berth.storage.internal;

import dev.berth.api.Digest;
import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.InvalidOffsetException;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageWriter;
import dev.berth.storage.driver.WalkVisitor;
import dev.berth.storage.layout.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The driver as the store sees it: the one place where storage {@link IOException}s become
 * {@link RegistryException}s. A missing path is an ordinary answer here (empty, false), which
 * each caller turns into its own {@code *_UNKNOWN}; any other failure is {@code UNAVAILABLE}
 * with the driver's exception as the cause.
 */
public final class Storage {

    private final StorageDriver driver;

    public Storage(StorageDriver driver) {
        this.driver = driver;
    }

    public StorageDriver driver() {
        return driver;
    }

    public Optional<byte[]> content(String path) {
        try {
            return Optional.of(driver.getContent(path));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("read", path, e);
        }
    }

    public void put(String path, byte[] content) {
        try {
            driver.putContent(path, content);
        } catch (IOException e) {
            throw unavailable("write", path, e);
        }
    }

    /** The digest in a link file; empty when there is no link or it holds no digest. */
    public Optional<Digest> link(String path) {
        return content(path).flatMap(bytes -> {
            try {
                return Optional.of(Layout.parseLink(bytes));
            } catch (RegistryException corrupt) {
                return Optional.empty();
            }
        });
    }

    public void putLink(String path, Digest digest) {
        put(path, Layout.link(digest));
    }

    public Optional<FileInfo> stat(String path) {
        try {
            return Optional.of(driver.stat(path));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("stat", path, e);
        }
    }

    public boolean exists(String path) {
        return stat(path).isPresent();
    }

    /** The children of a directory; none when it does not exist. */
    public List<String> list(String path) {
        try {
            return driver.list(path);
        } catch (PathNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw unavailable("list", path, e);
        }
    }

    /** Deletes a file or tree; false when there was nothing. */
    public boolean delete(String path) {
        try {
            driver.delete(path);
            return true;
        } catch (PathNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw unavailable("delete", path, e);
        }
    }

    /** Moves a file; false when the source is gone. */
    public boolean move(String source, String dest) {
        try {
            driver.move(source, dest);
            return true;
        } catch (PathNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw unavailable("move", source, e);
        }
    }

    /** A stream from {@code offset}; empty when the file is missing, {@code RANGE_INVALID} past its end. */
    public Optional<InputStream> reader(String path, long offset) {
        try {
            return Optional.of(driver.reader(path, offset));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (InvalidOffsetException e) {
            throw new RegistryException(ErrorCode.RANGE_INVALID, "offset " + offset + " is past the end",
                    offset, ErrorCode.RANGE_INVALID.httpStatus(), e);
        } catch (IOException e) {
            throw unavailable("read", path, e);
        }
    }

    public StorageWriter writer(String path, boolean append) {
        try {
            return driver.writer(path, append);
        } catch (IOException e) {
            throw unavailable("write", path, e);
        }
    }

    public Optional<URI> redirectUrl(String path, String method, Duration expiry) {
        try {
            return driver.redirectUrl(path, method, expiry);
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("sign", path, e);
        }
    }

    /** Walks a tree; a missing root is an empty walk. */
    public void walk(String path, WalkVisitor visitor) {
        try {
            driver.walk(path, visitor);
        } catch (PathNotFoundException e) {
            // nothing there yet
        } catch (IOException e) {
            throw unavailable("walk", path, e);
        }
    }

    /** The exception for a storage failure that is not a missing path. */
    public static RegistryException unavailable(String operation, String path, IOException cause) {
        return new RegistryException(ErrorCode.UNAVAILABLE, "storage failed to " + operation + " " + path,
                null, ErrorCode.UNAVAILABLE.httpStatus(), cause);
    }
}
