package dev.berth.storage.driver;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A driver that hands every call to another: the base of driver decorators (path validation,
 * read-only mode, rate limits, metrics, fault injection). A decorator overrides only the calls
 * it cares about. {@link #walk} is forwarded whole, so the delegate's cheaper walk is kept.
 */
public abstract class ForwardingStorageDriver implements StorageDriver {

    private final StorageDriver delegate;

    protected ForwardingStorageDriver(StorageDriver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The driver calls are forwarded to. */
    protected StorageDriver delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return delegate.getContent(path);
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        delegate.putContent(path, content);
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        return delegate.reader(path, offset);
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        return delegate.writer(path, append);
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        return delegate.stat(path);
    }

    @Override
    public List<String> list(String path) throws IOException {
        return delegate.list(path);
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        delegate.move(sourcePath, destPath);
    }

    @Override
    public void delete(String path) throws IOException {
        delegate.delete(path);
    }

    @Override
    public Optional<URI> redirectUrl(String path, String method, Duration expiry) throws IOException {
        return delegate.redirectUrl(path, method, expiry);
    }

    @Override
    public void walk(String path, WalkVisitor visitor) throws IOException {
        delegate.walk(path, visitor);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + delegate + ")";
    }
}
