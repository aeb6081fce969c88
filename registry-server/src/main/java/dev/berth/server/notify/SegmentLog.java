package dev.berth.server.notify;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable FIFO of byte records in one directory: an append-only log cut into segment files
 * ({@code <base offset>.log}, records framed as {@code [length][crc32][bytes]}) and an
 * {@code ack} file holding the offset of the first record not yet delivered.
 *
 * <p>{@link #append} returns only after the record is fsynced, so a record the registry
 * accepted survives a crash. {@link #ack} moves the offset forward (written to a temporary file,
 * fsynced, renamed) and deletes segments wholly before it. On open, records after the ack
 * offset are scanned; a torn last record (a crash mid-append) is cut off. Because the ack
 * offset may lag a delivery by one crash, consumers see each record at least once.
 *
 * <p>The log is bounded: an append that would make the live segments exceed {@code maxBytes}
 * is refused. One appender lock; readers read below the end offset only, so they never see a
 * half-written record.
 */
final class SegmentLog implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentLog.class);
    private static final int HEADER_BYTES = 8;
    private static final String SUFFIX = ".log";

    /** A record and where the next one starts: ack {@code next} once the record is handled. */
    record Entry(long offset, long next, byte[] payload) {
    }

    private final Path directory;
    private final long maxBytes;
    private final long segmentBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private FileChannel tail;
    private long end;
    private long ack;
    private long pending;
    private boolean closed;
    private boolean released;

    private SegmentLog(Path directory, long maxBytes, long segmentBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
    }

    /** Opens (creating if needed) the log in {@code directory}, recovering what a crash left. */
    static SegmentLog open(Path directory, long maxBytes) throws IOException {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("queue size must be at least 1 KiB, not " + maxBytes);
        }
        Files.createDirectories(directory);
        SegmentLog log = new SegmentLog(directory, maxBytes, Math.max(512, Math.min(16L << 20, maxBytes / 4)));
        log.recover();
        return log;
    }

    private void recover() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX) && name.length() > SUFFIX.length()) {
                    segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), file);
                }
            }
        }
        ack = readAck();
        // Segments wholly before the ack offset are leftovers of a crash between ack and delete.
        while (segments.size() > 1 && segments.higherKey(segments.firstKey()) <= ack) {
            Files.deleteIfExists(segments.pollFirstEntry().getValue());
        }
        long lastEnd = segments.isEmpty() ? 0 : segments.lastKey() + Files.size(segments.lastEntry().getValue());
        if (segments.isEmpty() || ack >= lastEnd) {
            // Everything was delivered (or the data before the ack offset is gone): start afresh there.
            for (Path stale : segments.values()) {
                Files.deleteIfExists(stale);
            }
            segments.clear();
            end = ack;
            openTail(ack);
            return;
        }
        ack = Math.max(ack, segments.firstKey());
        long position = ack;
        for (Map.Entry<Long, Path> segment : segments.entrySet()) {
            long base = segment.getKey();
            long valid = scan(segment.getValue(), Math.max(0, position - base));
            long size = Files.size(segment.getValue());
            if (valid < size) {
                LOG.warn("notification queue {}: cutting {} damaged bytes off {}", directory, size - valid,
                        segment.getValue().getFileName());
                try (FileChannel channel = FileChannel.open(segment.getValue(), StandardOpenOption.WRITE)) {
                    channel.truncate(valid);
                    channel.force(true);
                }
            }
            position = base + valid;
        }
        end = position;
        tail = FileChannel.open(segments.lastEntry().getValue(), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Counts valid records from {@code from} in a segment; answers the length of its valid prefix. */
    private long scan(Path segment, long from) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            long at = from;
            while (true) {
                byte[] payload = readRecord(channel, at);
                if (payload == null) {
                    return at;
                }
                pending++;
                at += HEADER_BYTES + payload.length;
            }
        }
    }

    /** Reads the record at {@code position}, or null at the end or at a torn or damaged record. */
    private static byte[] readRecord(FileChannel channel, long position) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        if (readFully(channel, header, position) < HEADER_BYTES) {
            return null;
        }
        int length = header.getInt(0);
        int crc = header.getInt(4);
        if (length < 0 || position + HEADER_BYTES + length > channel.size()) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        if (readFully(channel, body, position + HEADER_BYTES) < length || crc32(body.array()) != crc) {
            return null;
        }
        return body.array();
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static int crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /**
     * Appends a record durably. Answers false, writing nothing, when the log is full; the caller
     * decides what a full queue means.
     */
    boolean append(byte[] payload) throws IOException {
        long size = HEADER_BYTES + (long) payload.length;
        lock.lock();
        try {
            ensureOpen();
            if (end - segments.firstKey() + size > maxBytes) {
                return false;
            }
            if (tail.size() > 0 && tail.size() + size > segmentBytes) {
                tail.force(true);
                tail.close();
                openTail(end);
            }
            ByteBuffer record = ByteBuffer.allocate((int) size);
            record.putInt(payload.length).putInt(crc32(payload)).put(payload).flip();
            while (record.hasRemaining()) {
                tail.write(record);
            }
            tail.force(false);
            end += size;
            pending++;
            appended.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void openTail(long base) throws IOException {
        Path file = directory.resolve(String.format("%020d%s", base, SUFFIX));
        tail = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segments.put(base, file);
        syncDirectory();
    }

    /**
     * Up to {@code max} records from the ack offset on, waiting up to {@code wait} for the first
     * one; empty when none arrived or the log was closed.
     */
    List<Entry> peek(int max, long wait, TimeUnit unit) throws IOException, InterruptedException {
        long from;
        long until;
        long base;
        Path segment;
        lock.lock();
        try {
            long nanos = unit.toNanos(wait);
            while (!closed && !released && ack == end && nanos > 0) {
                nanos = appended.awaitNanos(nanos);
            }
            if (closed || released || ack == end) {
                return List.of();
            }
            from = ack;
            until = end;
            base = segments.floorKey(from);
            segment = segments.get(base);
        } finally {
            lock.unlock();
        }
        List<Entry> batch = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            long at = from;
            while (batch.size() < max && at < until) {
                byte[] payload = readRecord(channel, at - base);
                if (payload == null) {
                    break; // the end of this segment: the next batch starts in the next one
                }
                long next = at + HEADER_BYTES + payload.length;
                batch.add(new Entry(at, next, payload));
                at = next;
            }
        } catch (NoSuchFileException raced) {
            return List.of(); // closed or acked meanwhile; the caller peeks again
        }
        if (batch.isEmpty()) {
            // The ack offset sits at the end of a full segment: move it onto the next one.
            lock.lock();
            try {
                Long nextBase = segments.higherKey(base);
                if (nextBase != null && ack == from) {
                    moveAck(nextBase, 0);
                }
            } finally {
                lock.unlock();
            }
        }
        return batch;
    }

    /** Makes {@link #peek} answer empty from now on, at once: the consumer is stopping. */
    void release() {
        lock.lock();
        try {
            released = true;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks every record before {@code offset} as handled, durably, and reclaims their segments. */
    void ack(long offset, int records) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (offset <= ack || offset > end) {
                throw new IllegalArgumentException("ack " + offset + " outside (" + ack + ", " + end + "]");
            }
            moveAck(offset, records);
        } finally {
            lock.unlock();
        }
    }

    private void moveAck(long offset, int records) throws IOException {
        Path temp = directory.resolve("ack.tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocate(12);
            buffer.putLong(offset).putInt(crc32(ByteBuffer.allocate(8).putLong(offset).array())).flip();
            channel.write(buffer);
            channel.force(true);
        }
        try {
            Files.move(temp, directory.resolve("ack"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, directory.resolve("ack"), StandardCopyOption.REPLACE_EXISTING);
        }
        ack = offset;
        pending -= records;
        while (segments.size() > 1 && segments.higherKey(segments.firstKey()) <= ack) {
            Files.deleteIfExists(segments.pollFirstEntry().getValue());
        }
    }

    private long readAck() throws IOException {
        Path file = directory.resolve("ack");
        if (!Files.exists(file)) {
            return segments.isEmpty() ? 0 : segments.firstKey();
        }
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file));
        if (buffer.remaining() != 12) {
            throw new IOException("damaged notification queue ack file " + file);
        }
        long offset = buffer.getLong();
        if (crc32(ByteBuffer.allocate(8).putLong(offset).array()) != buffer.getInt()) {
            throw new IOException("damaged notification queue ack file " + file);
        }
        return offset;
    }

    private void syncDirectory() {
        // Makes a new segment's directory entry durable; not every platform can open a directory.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UncheckedIOException unsupported) {
            LOG.debug("cannot fsync directory {}", directory, unsupported);
        }
    }

    /** Records appended and not yet acknowledged. */
    long pending() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes the live segments hold on disk, the quantity bounded by {@code maxBytes}. */
    long bytes() {
        lock.lock();
        try {
            return end - segments.firstKey();
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("notification queue " + directory + " is closed");
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                appended.signalAll();
                tail.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
