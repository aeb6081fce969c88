package dev.berth.storage;

import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.ForwardingStorageDriver;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Object storage's view of a file being written: invisible to stat and read until a writer
 * commits it (an S3 multipart upload, Azure uncommitted blocks). Counts reads, so a test can
 * say how often an upload was read back.
 */
final class InProgressInvisibleDriver extends ForwardingStorageDriver {

    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reads = new AtomicInteger();

    InProgressInvisibleDriver(StorageDriver delegate) {
        super(delegate);
    }

    int reads() {
        return reads.get();
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        StorageWriter writer = super.writer(path, append);
        inProgress.add(path);
        return new StorageWriter() {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                writer.write(bytes, offset, length);
            }

            @Override
            public long size() {
                return writer.size();
            }

            @Override
            public void commit() throws IOException {
                writer.commit();
                inProgress.remove(path);
            }

            @Override
            public void cancel() throws IOException {
                writer.cancel();
                inProgress.remove(path);
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        reads.incrementAndGet();
        requireVisible(path);
        return super.reader(path, offset);
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        requireVisible(path);
        return super.stat(path);
    }

    private void requireVisible(String path) throws PathNotFoundException {
        if (inProgress.contains(path)) {
            throw new PathNotFoundException(name(), path);
        }
    }
}
