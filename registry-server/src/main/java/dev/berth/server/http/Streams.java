package dev.berth.server.http;

import dev.berth.api.ErrorCode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** Copying and capped reading, the two stream chores of the endpoints. */
final class Streams {

    /** Large enough that a blob copy is bound by the disk or the socket, not by calls. */
    private static final int BUFFER = 128 * 1024;

    /**
     * Direct buffers kept for blob copies: allocating one costs more than a small copy, and the
     * collector frees them late. As many as copies run at once, up to 64 (8 MiB).
     */
    private static final BlockingQueue<ByteBuffer> DIRECT_BUFFERS = new ArrayBlockingQueue<>(64);

    private Streams() {
    }

    /** Copies exactly {@code length} bytes; a source that ends early is an error, never a short body. */
    static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, length))];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new EOFException("blob ended " + remaining + " bytes early");
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
    }

    /**
     * Copies exactly {@code length} bytes through a direct buffer, so that neither end copies
     * through a temporary one of its own; a source that ends early is an error.
     */
    static void copy(ReadableByteChannel in, WritableByteChannel out, long length) throws IOException {
        ByteBuffer buffer = DIRECT_BUFFERS.poll();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER);
        }
        try {
            long remaining = length;
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(BUFFER, remaining));
                int n = in.read(buffer);
                if (n < 0) {
                    throw new EOFException("blob ended " + remaining + " bytes early");
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                remaining -= n;
            }
        } finally {
            DIRECT_BUFFERS.offer(buffer);
        }
    }

    /**
     * Reads all of {@code in} when it holds at most {@code max} bytes; more is a 413
     * {@code MANIFEST_INVALID}, decided after reading {@code max + 1} bytes, never more.
     */
    static byte[] readCapped(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw tooLarge(max);
        }
        return bytes;
    }

    static RuntimeException tooLarge(int max) {
        return ErrorResponses.withStatus(ErrorCode.MANIFEST_INVALID, "manifest too large",
                "manifests are limited to " + max + " bytes", 413);
    }

    /** Reads and drops up to {@code max} bytes of what is left of {@code in}; errors are of no interest. */
    static void discard(InputStream in, long max) {
        try {
            byte[] buffer = new byte[64 * 1024];
            long left = max;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException gone) {
            // the client stopped sending: nothing to drain
        }
    }

    /** A view of {@code in} that ends after {@code limit} bytes. */
    static InputStream limit(InputStream in, long limit) {
        return new InputStream() {
            private long remaining = limit;

            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    remaining--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n > 0) {
                    remaining -= n;
                }
                return n;
            }
        };
    }
}
