package dev.berth.server.metrics;

import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.ForwardingStorageDriver;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageWriter;
import dev.berth.storage.driver.WalkVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Times every driver call, failed ones included, under distribution's action names. Readers
 * and writers are timed while being opened, not while streaming: that time belongs to the
 * client's connection, not to the storage.
 */
final class MetricsStorageDriver extends ForwardingStorageDriver {

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    private final RegistryMetrics metrics;

    MetricsStorageDriver(StorageDriver delegate, RegistryMetrics metrics) {
        super(delegate);
        this.metrics = metrics;
    }

    private <T> T timed(String action, Call<T> call) throws IOException {
        long start = System.nanoTime();
        try {
            return call.run();
        } finally {
            metrics.storageAction(name(), action, System.nanoTime() - start);
        }
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return timed("GetContent", () -> super.getContent(path));
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        timed("PutContent", () -> {
            super.putContent(path, content);
            return null;
        });
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        return timed("Reader", () -> super.reader(path, offset));
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        return timed("Writer", () -> super.writer(path, append));
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        return timed("Stat", () -> super.stat(path));
    }

    @Override
    public List<String> list(String path) throws IOException {
        return timed("List", () -> super.list(path));
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        timed("Move", () -> {
            super.move(sourcePath, destPath);
            return null;
        });
    }

    @Override
    public void delete(String path) throws IOException {
        timed("Delete", () -> {
            super.delete(path);
            return null;
        });
    }

    @Override
    public Optional<URI> redirectUrl(String path, String method, Duration expiry) throws IOException {
        return timed("RedirectURL", () -> super.redirectUrl(path, method, expiry));
    }

    @Override
    public void walk(String path, WalkVisitor visitor) throws IOException {
        timed("Walk", () -> {
            super.walk(path, visitor);
            return null;
        });
    }
}
