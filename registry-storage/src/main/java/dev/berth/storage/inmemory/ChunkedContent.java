package dev.berth.storage.inmemory;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A file's bytes as a list of chunks: appending never copies what is already stored (only the
 * last, partly filled chunk grows, up to {@link #CHUNK_SIZE}), so a large streamed write costs
 * its size and no more. Content is append-only, so a reader's snapshot of the chunk list stays
 * valid while a writer goes on.
 */
final class ChunkedContent {

    static final int CHUNK_SIZE = 64 * 1024;
    private static final int FIRST_CHUNK = 256;

    private final List<byte[]> chunks = new ArrayList<>();
    private long size;
    private Instant modifiedAt;

    ChunkedContent(Instant modifiedAt) {
        this.modifiedAt = modifiedAt;
    }

    static ChunkedContent of(byte[] bytes, Instant modifiedAt) {
        ChunkedContent content = new ChunkedContent(modifiedAt);
        content.append(bytes, 0, bytes.length, modifiedAt);
        return content;
    }

    synchronized void append(byte[] bytes, int offset, int length, Instant now) {
        int done = 0;
        while (done < length) {
            int used = (int) (size % CHUNK_SIZE);
            if (used == 0 && (chunks.isEmpty() || last().length == CHUNK_SIZE)) {
                chunks.add(new byte[Math.min(CHUNK_SIZE, Math.max(FIRST_CHUNK, length - done))]);
            }
            byte[] last = last();
            if (used == last.length) {
                // A small last chunk grows by doubling; a full-sized one is followed by a new chunk above.
                last = Arrays.copyOf(last, Math.min(CHUNK_SIZE, Math.max(last.length * 2, used + length - done)));
                chunks.set(chunks.size() - 1, last);
            }
            int n = Math.min(length - done, last.length - used);
            System.arraycopy(bytes, offset + done, last, used, n);
            done += n;
            size += n;
        }
        modifiedAt = now;
    }

    synchronized long size() {
        return size;
    }

    synchronized Instant modifiedAt() {
        return modifiedAt;
    }

    synchronized byte[] toBytes() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("content of " + size + " bytes is too large for an array");
        }
        byte[] bytes = new byte[(int) size];
        int position = 0;
        for (byte[] chunk : chunks) {
            int n = Math.min(chunk.length, bytes.length - position);
            System.arraycopy(chunk, 0, bytes, position, n);
            position += n;
        }
        return bytes;
    }

    /** A stream over the content as it is now, from {@code offset}. */
    synchronized InputStream open(long offset) {
        return new ChunkStream(List.copyOf(chunks), size, offset);
    }

    private byte[] last() {
        return chunks.get(chunks.size() - 1);
    }

    private static final class ChunkStream extends InputStream {

        private final List<byte[]> chunks;
        private final long size;
        private long position;

        ChunkStream(List<byte[]> chunks, long size, long offset) {
            this.chunks = chunks;
            this.size = size;
            this.position = offset;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            byte b = chunks.get((int) (position / CHUNK_SIZE))[(int) (position % CHUNK_SIZE)];
            position++;
            return b & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= size) {
                return -1;
            }
            byte[] chunk = chunks.get((int) (position / CHUNK_SIZE));
            int within = (int) (position % CHUNK_SIZE);
            int n = (int) Math.min(Math.min(length, chunk.length - within), size - position);
            System.arraycopy(chunk, within, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, size - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, size - position);
        }
    }
}
