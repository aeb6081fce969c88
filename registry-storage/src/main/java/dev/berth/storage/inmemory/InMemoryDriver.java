package dev.berth.storage.inmemory;

import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.InvalidOffsetException;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.driver.StorageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The {@code inmemory} driver: files in a sorted map from path to chunked content, directories
 * implied by the paths below them (as on object storage). For tests and throw-away registries;
 * everything is lost when the driver goes.
 *
 * <p>Reads go straight to the concurrent map; changes to the tree (create, move, delete) take
 * one lock so that a file and a directory never share a path.
 */
public final class InMemoryDriver implements StorageDriver {

    static final String NAME = "inmemory";
    /** Sorts after every character a driver path may hold. */
    private static final char AFTER_ALL = '\uffff';

    private final ConcurrentSkipListMap<String, ChunkedContent> files = new ConcurrentSkipListMap<>();
    private final Object treeLock = new Object();
    private final Clock clock;

    public InMemoryDriver() {
        this(Clock.systemUTC());
    }

    public InMemoryDriver(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return file(path).toBytes();
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        StoragePaths.validate(path);
        ChunkedContent replacement = ChunkedContent.of(content, clock.instant());
        synchronized (treeLock) {
            checkCanHoldFile(path);
            files.put(path, replacement);
        }
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        ChunkedContent content = file(path);
        // Content only grows, so an offset within the size now stays within it.
        if (offset < 0 || offset > content.size()) {
            throw new InvalidOffsetException(NAME, path, offset);
        }
        return content.open(offset);
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        StoragePaths.validate(path);
        synchronized (treeLock) {
            checkCanHoldFile(path);
            ChunkedContent content = append ? files.get(path) : null;
            if (content == null) {
                content = new ChunkedContent(clock.instant());
                files.put(path, content);
            }
            return new MemoryWriter(path, content);
        }
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        StoragePaths.validate(path);
        ChunkedContent content = files.get(path);
        if (content != null) {
            return FileInfo.file(path, content.size(), content.modifiedAt());
        }
        if (path.equals("/") || !below(path).isEmpty()) {
            return FileInfo.directory(path, Instant.EPOCH);
        }
        throw new PathNotFoundException(NAME, path);
    }

    @Override
    public List<String> list(String path) throws IOException {
        StoragePaths.validate(path);
        String prefix = prefix(path);
        List<String> children = new ArrayList<>();
        String key = files.ceilingKey(prefix);
        while (key != null && key.startsWith(prefix)) {
            int slash = key.indexOf('/', prefix.length());
            String child = slash < 0 ? key : key.substring(0, slash);
            children.add(child);
            // '0' follows '/': this skips everything below the child directory.
            key = files.higherKey(slash < 0 ? key : child + '0');
        }
        if (children.isEmpty() && !path.equals("/")) {
            throw new PathNotFoundException(NAME, path);
        }
        return children;
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        StoragePaths.validate(sourcePath);
        StoragePaths.validate(destPath);
        synchronized (treeLock) {
            ChunkedContent content = files.get(sourcePath);
            if (content != null) {
                checkCanHoldFile(destPath);
                // Destination first: a reader sees the old file or the new one, never neither.
                files.put(destPath, content);
                files.remove(sourcePath);
                return;
            }
            NavigableMap<String, ChunkedContent> tree = below(sourcePath);
            if (tree.isEmpty()) {
                throw new PathNotFoundException(NAME, sourcePath);
            }
            for (Map.Entry<String, ChunkedContent> entry : List.copyOf(tree.entrySet())) {
                files.put(destPath + entry.getKey().substring(sourcePath.length()), entry.getValue());
            }
            tree.clear();
        }
    }

    @Override
    public void delete(String path) throws IOException {
        StoragePaths.validate(path);
        synchronized (treeLock) {
            boolean removedFile = files.remove(path) != null;
            NavigableMap<String, ChunkedContent> tree = below(path);
            if (!removedFile && tree.isEmpty()) {
                throw new PathNotFoundException(NAME, path);
            }
            tree.clear();
        }
    }

    @Override
    public String toString() {
        return NAME;
    }

    private ChunkedContent file(String path) throws PathNotFoundException {
        ChunkedContent content = files.get(StoragePaths.validate(path));
        if (content == null) {
            throw new PathNotFoundException(NAME, path);
        }
        return content;
    }

    /** Holds the tree lock. A file may not sit where a directory is, nor below a file. */
    private void checkCanHoldFile(String path) throws IOException {
        if (path.equals("/") || !below(path).isEmpty()) {
            throw new IOException(NAME + ": " + path + " is a directory");
        }
        for (String parent = StoragePaths.parent(path); !parent.equals("/"); parent = StoragePaths.parent(parent)) {
            if (files.containsKey(parent)) {
                throw new IOException(NAME + ": " + parent + " is a file, not a directory");
            }
        }
    }

    private NavigableMap<String, ChunkedContent> below(String path) {
        String prefix = prefix(path);
        return files.subMap(prefix, true, prefix + AFTER_ALL, false);
    }

    private static String prefix(String directory) {
        return directory.equals("/") ? "/" : directory + "/";
    }

    private final class MemoryWriter implements StorageWriter {

        private final String path;
        private final ChunkedContent content;
        private boolean closed;

        MemoryWriter(String path, ChunkedContent content) {
            this.path = path;
            this.content = content;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException(NAME + ": writer on " + path + " is closed");
            }
            Objects.checkFromIndexSize(offset, length, bytes.length);
            content.append(bytes, offset, length, clock.instant());
        }

        @Override
        public long size() {
            return content.size();
        }

        @Override
        public void commit() throws IOException {
            if (closed) {
                throw new IOException(NAME + ": writer on " + path + " is closed");
            }
            closed = true;
        }

        @Override
        public void cancel() {
            closed = true;
            synchronized (treeLock) {
                files.remove(path, content);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
