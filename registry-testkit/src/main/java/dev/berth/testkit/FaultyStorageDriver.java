package dev.berth.testkit;

import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.ForwardingStorageDriver;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageWriter;
import dev.berth.storage.driver.WalkVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A storage driver that fails on purpose, for testing what an application (or the registry)
 * does when storage misbehaves: fail the Nth call, fail writes after N bytes, add latency,
 * lose a write. Faults are armed and cleared while the registry runs; thread-safe.
 *
 * <pre>{@code
 * FaultyStorageDriver storage = FaultyStorageDriver.wrap(new InMemoryDriver());
 * storage.failCall(3, Operation.MOVE);  // the third move from now throws IOException
 * }</pre>
 */
public final class FaultyStorageDriver extends ForwardingStorageDriver {

    /** The driver calls a fault can aim at. */
    public enum Operation { GET_CONTENT, PUT_CONTENT, READER, WRITER, STAT, LIST, MOVE, DELETE, WALK, ANY }

    private final AtomicLong calls = new AtomicLong();
    private final AtomicReference<Countdown> failure = new AtomicReference<>();
    private final AtomicLong bytesBeforeFailure = new AtomicLong(-1);
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicBoolean loseNextWrite = new AtomicBoolean();

    private FaultyStorageDriver(StorageDriver delegate) {
        super(delegate);
    }

    public static FaultyStorageDriver wrap(StorageDriver delegate) {
        return new FaultyStorageDriver(delegate);
    }

    /** The {@code n}th call of {@code operation} from now (1 = the next) throws an IOException. */
    public FaultyStorageDriver failCall(long n, Operation operation) {
        if (n < 1) {
            throw new IllegalArgumentException("n counts from 1");
        }
        failure.set(new Countdown(operation, new AtomicLong(n)));
        return this;
    }

    /** Writers throw once {@code bytes} more bytes have been written through them, as a disk filling up. */
    public FaultyStorageDriver failWritesAfterBytes(long bytes) {
        bytesBeforeFailure.set(bytes);
        return this;
    }

    /** Every call waits this long first. */
    public FaultyStorageDriver latency(Duration delay) {
        latency.set(delay);
        return this;
    }

    /** The next {@code putContent} or writer commit reports success but stores nothing. */
    public FaultyStorageDriver loseNextWrite() {
        loseNextWrite.set(true);
        return this;
    }

    /** Clears every fault. */
    public FaultyStorageDriver heal() {
        failure.set(null);
        bytesBeforeFailure.set(-1);
        latency.set(Duration.ZERO);
        loseNextWrite.set(false);
        return this;
    }

    /** Calls made through this driver so far. */
    public long calls() {
        return calls.get();
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        before(Operation.GET_CONTENT, path);
        return super.getContent(path);
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        before(Operation.PUT_CONTENT, path);
        if (!loseNextWrite.compareAndSet(true, false)) {
            super.putContent(path, content);
        }
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        before(Operation.READER, path);
        return super.reader(path, offset);
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        before(Operation.WRITER, path);
        return new FaultyWriter(super.writer(path, append), path);
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        before(Operation.STAT, path);
        return super.stat(path);
    }

    @Override
    public List<String> list(String path) throws IOException {
        before(Operation.LIST, path);
        return super.list(path);
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        before(Operation.MOVE, sourcePath);
        super.move(sourcePath, destPath);
    }

    @Override
    public void delete(String path) throws IOException {
        before(Operation.DELETE, path);
        super.delete(path);
    }

    @Override
    public void walk(String path, WalkVisitor visitor) throws IOException {
        before(Operation.WALK, path);
        super.walk(path, visitor);
    }

    private void before(Operation operation, String path) throws IOException {
        calls.incrementAndGet();
        Duration delay = latency.get();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during injected latency", e);
            }
        }
        Countdown armed = failure.get();
        if (armed != null && armed.matches(operation) && armed.remaining().decrementAndGet() == 0) {
            failure.compareAndSet(armed, null);
            throw new IOException("injected failure: " + operation + " " + path);
        }
    }

    /** A fault waiting for its call. */
    private record Countdown(Operation operation, AtomicLong remaining) {

        boolean matches(Operation actual) {
            return operation == Operation.ANY || operation == actual;
        }
    }

    /** Counts bytes against the armed byte budget and can lose its commit. */
    private final class FaultyWriter implements StorageWriter {

        private final StorageWriter delegate;
        private final String path;

        FaultyWriter(StorageWriter delegate, String path) {
            this.delegate = delegate;
            this.path = path;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            long budget = bytesBeforeFailure.get();
            if (budget >= 0) {
                int allowed = (int) Math.min(length, budget);
                delegate.write(bytes, offset, allowed);
                bytesBeforeFailure.addAndGet(-allowed);
                if (allowed < length) {
                    throw new IOException("injected failure: no space left writing " + path);
                }
                return;
            }
            delegate.write(bytes, offset, length);
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public void commit() throws IOException {
            before(Operation.WRITER, path);
            if (loseNextWrite.compareAndSet(true, false)) {
                delegate.cancel();
            } else {
                delegate.commit();
            }
        }

        @Override
        public void cancel() throws IOException {
            delegate.cancel();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
