package dev.berth.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.berth.storage.driver.StorageWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a block blob as staged blocks, one per {@code blockSize} bytes, each staged block named
 * by its offset ({@link BlockIds}). {@link #commit()} and {@link #close()} both commit the block
 * list: what a closed writer wrote is readable, so the store above can re-read an upload to
 * rebuild its hash on another node, as it does on a filesystem. Each commit replaces the blob
 * whole; a later writer re-commits the same blocks by id and adds its own (see
 * {@link AzureDriver#writer}). The buffer is the only memory a writer holds.
 */
final class BlockWriter implements StorageWriter {

    private final BlockBlobClient blob;
    private final String path;
    private final List<String> blockIds;
    private final byte[] buffer;
    private int buffered;
    private long staged;
    private boolean closed;

    BlockWriter(BlockBlobClient blob, String path, List<String> blockIds, long staged, int blockSize) {
        this.blob = blob;
        this.path = path;
        this.blockIds = new ArrayList<>(blockIds);
        this.staged = staged;
        this.buffer = new byte[blockSize];
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        checkOpen();
        while (length > 0) {
            if (buffered == 0 && length >= buffer.length) {
                // A whole block straight from the caller's array: no copy.
                stage(bytes, offset, buffer.length);
                offset += buffer.length;
                length -= buffer.length;
                continue;
            }
            int n = Math.min(length, buffer.length - buffered);
            System.arraycopy(bytes, offset, buffer, buffered, n);
            buffered += n;
            offset += n;
            length -= n;
            if (buffered == buffer.length) {
                flush();
            }
        }
    }

    @Override
    public long size() {
        return staged + buffered;
    }

    @Override
    public void commit() throws IOException {
        checkOpen();
        closed = true;
        flushAndCommit();
    }

    @Override
    public void cancel() throws IOException {
        closed = true;
        buffered = 0;
        AzureDriver.discard(blob, path);
    }

    /** Stages what is buffered and commits, so the next writer on this path continues after it. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            flushAndCommit();
        }
    }

    private void flushAndCommit() throws IOException {
        flush();
        AzureErrors.run(path, () -> blob.commitBlockList(blockIds, true));
    }

    private void flush() throws IOException {
        if (buffered > 0) {
            stage(buffer, 0, buffered);
            buffered = 0;
        }
    }

    private void stage(byte[] bytes, int offset, int length) throws IOException {
        String id = BlockIds.of(staged);
        try {
            // As a stream, not one buffer: the JDK client would copy a whole block into a temporary
            // direct buffer, cached per thread, and large blocks soon exhaust direct memory.
            blob.stageBlock(id, BinaryData.fromStream(new ByteArrayInputStream(bytes, offset, length), (long) length));
        } catch (BlobStorageException e) {
            throw AzureErrors.translate(e, path);
        }
        blockIds.add(id);
        staged += length;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("writer on " + path + " is closed");
        }
    }
}
