package dev.berth.storage.driver;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A driver that fails on purpose: operation number {@code n} (counting from 1) and, for a
 * crash, every operation after it. Operations are the driver calls plus each write, commit
 * and cancel on a writer. Used to prove that a failure at any step leaves storage consistent:
 * run a scenario once healthy to count its operations, then once per crash point.
 *
 * <p>{@link Timing#AFTER} lets the operation take effect and then fails it, the case of a
 * request that succeeded on storage but whose answer was lost.
 */
public final class FaultInjectingDriver extends ForwardingStorageDriver {

    /** Whether the failing operation happens before it fails. */
    public enum Timing {
        BEFORE,
        AFTER
    }

    private final long failAt;
    private final boolean crash;
    private final Timing timing;
    private final AtomicLong operations = new AtomicLong();

    private FaultInjectingDriver(StorageDriver delegate, long failAt, boolean crash, Timing timing) {
        super(delegate);
        this.failAt = failAt;
        this.crash = crash;
        this.timing = timing;
    }

    /** Counts operations and never fails. */
    public static FaultInjectingDriver counting(StorageDriver delegate) {
        return new FaultInjectingDriver(delegate, Long.MAX_VALUE, false, Timing.BEFORE);
    }

    /** Operation {@code n} and all later ones fail: the process died there. */
    public static FaultInjectingDriver crashingAt(StorageDriver delegate, long n, Timing timing) {
        return new FaultInjectingDriver(delegate, n, true, timing);
    }

    /** Only operation {@code n} fails. */
    public static FaultInjectingDriver failingOnce(StorageDriver delegate, long n, Timing timing) {
        return new FaultInjectingDriver(delegate, n, false, timing);
    }

    /** Operations so far. */
    public long operations() {
        return operations.get();
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return run("getContent", path, () -> super.getContent(path));
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        run("putContent", path, () -> {
            super.putContent(path, content);
            return null;
        });
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        return run("reader", path, () -> super.reader(path, offset));
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        StorageWriter writer = run("writer", path, () -> super.writer(path, append));
        return new FaultyWriter(writer, path);
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        return run("stat", path, () -> super.stat(path));
    }

    @Override
    public List<String> list(String path) throws IOException {
        return run("list", path, () -> super.list(path));
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        run("move", sourcePath, () -> {
            super.move(sourcePath, destPath);
            return null;
        });
    }

    @Override
    public void delete(String path) throws IOException {
        run("delete", path, () -> {
            super.delete(path);
            return null;
        });
    }

    /** Walks through this driver's list and stat, so each step of a walk counts (and can fail). */
    @Override
    public void walk(String path, WalkVisitor visitor) throws IOException {
        Walks.walkByListing(this, path, visitor);
    }

    private <T> T run(String operation, String path, Call<T> call) throws IOException {
        long number = operations.incrementAndGet();
        boolean fail = crash ? number >= failAt : number == failAt;
        if (fail && timing == Timing.BEFORE) {
            throw injected(operation, path, number);
        }
        T result = call.run();
        if (fail) {
            throw injected(operation, path, number);
        }
        return result;
    }

    private static IOException injected(String operation, String path, long number) {
        return new IOException("injected failure of operation " + number + " (" + operation + " " + path + ")");
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    private final class FaultyWriter implements StorageWriter {

        private final StorageWriter writer;
        private final String path;

        FaultyWriter(StorageWriter writer, String path) {
            this.writer = writer;
            this.path = path;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            run("write", path, () -> {
                writer.write(bytes, offset, length);
                return null;
            });
        }

        @Override
        public long size() {
            return writer.size();
        }

        @Override
        public void commit() throws IOException {
            run("commit", path, () -> {
                writer.commit();
                return null;
            });
        }

        @Override
        public void cancel() throws IOException {
            run("cancel", path, () -> {
                writer.cancel();
                return null;
            });
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
