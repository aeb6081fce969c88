package dev.berth.storage.driver;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A writer on one driver path. Bytes written and then {@linkplain #close() closed} without
 * {@link #commit()} stay resumable: {@code driver.writer(path, true)} continues after them,
 * which is how an upload survives a hop between requests, processes and nodes. After
 * {@link #commit()} the content is durable and readable at the path; after {@link #cancel()}
 * it is gone. Not safe for concurrent use.
 */
public interface StorageWriter extends Closeable {

    void write(byte[] bytes, int offset, int length) throws IOException;

    /** Bytes in the file so far, including those written before this writer was opened. */
    long size();

    /** Makes the content durable and visible; no write may follow. */
    void commit() throws IOException;

    /** Discards the content written so far by every writer on this path. */
    void cancel() throws IOException;

    /** This writer as a stream; closing the stream closes the writer without committing. */
    default OutputStream asOutputStream() {
        StorageWriter writer = this;
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writer.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                writer.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }
}
