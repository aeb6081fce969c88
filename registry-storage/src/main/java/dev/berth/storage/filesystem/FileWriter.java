package dev.berth.storage.filesystem;

import dev.berth.storage.driver.StorageWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Appends to a file through a small buffer, so many small writes cost few system calls while
 * large ones go straight through. {@link #commit()} forces the bytes to disk. A large file is
 * also synced every {@value #SYNC_EVERY} bytes on the way: the disk then writes while the
 * caller goes on (the store hashes on another thread), instead of all at once at commit.
 * {@code force(false)} is {@code fdatasync}: the data and the size, not the times.
 */
final class FileWriter implements StorageWriter {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final long SYNC_EVERY = 8L * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    private long flushed;
    private long unsynced;
    private boolean closed;

    FileWriter(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.flushed = channel.position();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        if (length > buffer.remaining()) {
            flush();
        }
        if (length >= BUFFER_SIZE) {
            writeFully(ByteBuffer.wrap(bytes, offset, length));
        } else {
            buffer.put(bytes, offset, length);
        }
    }

    @Override
    public long size() {
        return flushed + buffer.position();
    }

    @Override
    public void commit() throws IOException {
        ensureOpen();
        flush();
        channel.force(false);
        close();
    }

    @Override
    public void cancel() throws IOException {
        closed = true;
        channel.close();
        Files.deleteIfExists(file);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            channel.close();
        }
    }

    private void flush() throws IOException {
        if (buffer.position() > 0) {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }
    }

    private void writeFully(ByteBuffer source) throws IOException {
        while (source.hasRemaining()) {
            int n = channel.write(source);
            flushed += n;
            unsynced += n;
        }
        if (unsynced >= SYNC_EVERY) {
            channel.force(false);
            unsynced = 0;
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("writer on " + file + " is closed");
        }
    }
}
