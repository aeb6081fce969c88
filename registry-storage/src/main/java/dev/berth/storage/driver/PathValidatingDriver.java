package dev.berth.storage.driver;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks every path with {@link StoragePaths#validate} before the wrapped driver sees it, as
 * distribution's {@code base} driver does: one place, so no driver has to trust its callers.
 * {@link StorageDrivers#create} wraps every driver it makes in one.
 */
public final class PathValidatingDriver extends ForwardingStorageDriver {

    private PathValidatingDriver(StorageDriver delegate) {
        super(delegate);
    }

    /** {@code driver} behind path validation; a driver already wrapped is returned as is. */
    public static StorageDriver wrap(StorageDriver driver) {
        return driver instanceof PathValidatingDriver ? driver : new PathValidatingDriver(driver);
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return super.getContent(StoragePaths.validate(path));
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        super.putContent(StoragePaths.validate(path), content);
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        if (offset < 0) {
            throw new InvalidOffsetException(name(), path, offset);
        }
        return super.reader(StoragePaths.validate(path), offset);
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        return super.writer(StoragePaths.validate(path), append);
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        return super.stat(StoragePaths.validate(path));
    }

    @Override
    public List<String> list(String path) throws IOException {
        return super.list(StoragePaths.validate(path));
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        super.move(StoragePaths.validate(sourcePath), StoragePaths.validate(destPath));
    }

    @Override
    public void delete(String path) throws IOException {
        super.delete(StoragePaths.validate(path));
    }

    @Override
    public Optional<URI> redirectUrl(String path, String method, Duration expiry) throws IOException {
        return super.redirectUrl(StoragePaths.validate(path), method, expiry);
    }

    @Override
    public void walk(String path, WalkVisitor visitor) throws IOException {
        super.walk(StoragePaths.validate(path), visitor);
    }
}
