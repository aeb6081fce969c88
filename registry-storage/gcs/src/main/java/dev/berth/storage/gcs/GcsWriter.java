package dev.berth.storage.gcs;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.berth.storage.driver.StorageWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Writes an object through a resumable upload session, one {@code chunkSize} request at a time.
 *
 * <p>A writer on an empty object uploads straight into it; a writer that continues a non-empty
 * one uploads a part and, when closed, composes object and part into the object, server side.
 * Either way what a closed writer wrote is readable: the store above re-reads an upload to
 * rebuild its digest on another node. The session URL is saved in a small record object as soon
 * as the session starts, so when a node dies mid-request, the next writer, on any node, asks
 * the session how far it got, finishes it and keeps those bytes ({@link SessionRecord}).
 */
final class GcsWriter implements StorageWriter {

    private final Storage storage;
    private final ResumableUploads uploads;
    private final String bucket;
    private final String path;
    private final String name;
    private final long base;
    private final long baseGeneration;
    private final int chunkSize;
    private byte[] buffer = new byte[0];
    private int buffered;
    private long sent;
    private String session;
    private boolean closed;

    GcsWriter(Storage storage, ResumableUploads uploads, String bucket, String path, String name, long base,
            long baseGeneration, int chunkSize) {
        this.storage = storage;
        this.uploads = uploads;
        this.bucket = bucket;
        this.path = path;
        this.name = name;
        this.base = base;
        this.baseGeneration = baseGeneration;
        this.chunkSize = chunkSize;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("writer on " + path + " is closed");
        }
        while (length > 0) {
            if (buffer.length == 0) {
                buffer = new byte[chunkSize]; // only writers that write hold a chunk of memory
            }
            int n = Math.min(length, chunkSize - buffered);
            System.arraycopy(bytes, offset, buffer, buffered, n);
            buffered += n;
            offset += n;
            length -= n;
            if (buffered == chunkSize) {
                send(OptionalLong.empty());
            }
        }
    }

    @Override
    public long size() {
        return base + sent + buffered;
    }

    @Override
    public void commit() throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (session == null && buffered == 0) {
            return;
        }
        String target = target();
        if (session != null) {
            send(OptionalLong.of(sent + buffered));
        } else {
            GcsErrors.call(path, () -> storage.create(BlobInfo.newBuilder(bucket, target).build(),
                    Arrays.copyOf(buffer, buffered)));
            sent = buffered;
        }
        buffered = 0;
        if (!target.equals(name)) {
            SessionRecord.composeOnto(storage, bucket, name, baseGeneration, target, path);
        }
        if (session != null) {
            GcsErrors.call(path, () -> storage.delete(BlobId.of(bucket, ObjectNames.sessionRecord(name))));
        }
    }

    @Override
    public void cancel() throws IOException {
        closed = true;
        buffered = 0;
        if (session != null) {
            uploads.cancel(session);
        }
        try {
            storage.delete(BlobId.of(bucket, name));
            storage.delete(BlobId.of(bucket, ObjectNames.part(name, base)));
            storage.delete(BlobId.of(bucket, ObjectNames.sessionRecord(name)));
        } catch (StorageException e) {
            throw GcsErrors.translate(e, path);
        }
    }

    /** Sends the buffer: a whole chunk, or with {@code total} the last bytes. Re-sends what the session did not keep. */
    private void send(OptionalLong total) throws IOException {
        if (session == null) {
            session = uploads.start(target());
            SessionRecord.save(storage, bucket, name, new SessionRecord(session, target(), base), path);
        }
        int from = 0;
        for (int stalled = 0; ; ) {
            long persisted = uploads.put(session, buffer, from, buffered - from, sent + from, total);
            if (persisted < 0) {
                break; // the last request created the object
            }
            if (persisted < sent || persisted > sent + buffered) {
                throw new IOException("gcs: resumable upload of " + path + " persisted " + persisted
                        + " bytes, expected between " + sent + " and " + (sent + buffered));
            }
            int next = (int) (persisted - sent);
            if (next == buffered && total.isEmpty()) {
                break;
            }
            if (next <= from && ++stalled > 5) {
                throw new IOException("gcs: resumable upload of " + path + " makes no progress at " + persisted);
            }
            from = next;
        }
        sent += buffered;
        buffered = 0;
    }

    private String target() {
        return base == 0 ? name : ObjectNames.part(name, base);
    }
}
