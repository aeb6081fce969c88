package dev.berth.storage.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A file read from a position on: a stream for every caller, and also a channel, so that a
 * caller holding direct buffers (a server sending a blob) reads into them without the copy
 * through a temporary buffer that reading into an array costs.
 */
final class FileInput extends InputStream implements ReadableByteChannel {

    private final FileChannel channel;

    FileInput(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        return channel.read(ByteBuffer.wrap(bytes, offset, length));
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        return channel.read(target);
    }

    @Override
    public long skip(long count) throws IOException {
        if (count <= 0) {
            return 0;
        }
        long position = channel.position();
        long skipped = Math.min(count, Math.max(0, channel.size() - position));
        channel.position(position + skipped);
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, channel.size() - channel.position()));
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
