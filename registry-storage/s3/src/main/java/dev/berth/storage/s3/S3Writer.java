package dev.berth.storage.s3;

import static dev.berth.storage.s3.S3Errors.call;

import dev.berth.storage.driver.StorageWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * A file written as an S3 multipart upload, resumable from any node because its whole state
 * lives in the bucket:
 * <ul>
 *   <li>every full {@code chunksize} of bytes is a part of the multipart upload in progress for
 *       the key (so every part but the last is at least S3's 5 MiB minimum);</li>
 *   <li>the bytes after the last full part, fewer than {@code chunksize}, are kept in memory and,
 *       when the writer is closed without commit, saved as a small object
 *       {@code <key>~tail-<number of parts>}. The part count in its name keeps a tail that a later
 *       part has absorbed from ever being read again, so no step leaves a state that reads back
 *       wrong.</li>
 * </ul>
 * A resuming writer lists the upload's parts and reads the one matching tail. Distribution
 * instead uploads the short tail as a part and, on resume, completes the upload and copies it
 * into a new one: a full copy of the file per resumed request. Tail objects are named outside
 * the driver's path alphabet, so listings never show them, and deleting the directory removes
 * them. Memory is one part buffer per open writer, grown as bytes arrive.
 */
final class S3Writer implements StorageWriter {

    private static final int INITIAL_BUFFER = 64 << 10;
    private static final String TAIL = "~tail-";

    private enum State { OPEN, CLOSED, COMMITTED, CANCELLED }

    private final Bucket bucket;
    private final MultipartCopier copier;
    private final String path;
    private final String key;
    private final int chunkSize;
    private final List<UploadedPart> parts = new ArrayList<>();
    private String uploadId;
    private long partBytes;
    private byte[] buffer = new byte[0];
    private int buffered;
    private boolean tailUnsaved;
    /** The tail object this writer's buffer was loaded from, until a part absorbs it. */
    private String loadedTail;
    private State state = State.OPEN;

    private S3Writer(Bucket bucket, MultipartCopier copier, String path) {
        this.bucket = bucket;
        this.copier = copier;
        this.path = path;
        this.key = bucket.key(path);
        this.chunkSize = bucket.config.chunkSize();
    }

    static S3Writer open(Bucket bucket, MultipartCopier copier, String path, boolean append) throws IOException {
        S3Writer writer = new S3Writer(bucket, copier, path);
        if (append) {
            writer.resume();
        } else {
            discard(bucket, path, writer.key);
        }
        return writer;
    }

    /** Removes the file and every trace of writes in progress on it. */
    static void discard(Bucket bucket, String path, String key) throws IOException {
        for (MultipartUpload upload : bucket.uploadsOf(path, key)) {
            bucket.abort(path, key, upload.uploadId());
        }
        List<String> keys = new ArrayList<>(tailKeys(bucket, path, key));
        keys.add(key);
        bucket.deleteKeys(path, keys);
    }

    private static List<String> tailKeys(Bucket bucket, String path, String key) throws IOException {
        List<String> tails = new ArrayList<>();
        bucket.list(path, key + TAIL, Optional.empty(), Optional.empty(), Bucket.BATCH,
                page -> page.contents().forEach(object -> tails.add(object.key())));
        return tails;
    }

    private String tailKey() {
        return key + TAIL + parts.size();
    }

    private void resume() throws IOException {
        List<MultipartUpload> uploads = bucket.uploadsOf(path, key);
        if (!uploads.isEmpty()) {
            uploadId = uploads.get(uploads.size() - 1).uploadId();
            List<UploadedPart> listed = new ArrayList<>();
            call(path, () -> {
                bucket.client.listPartsPaginator(request -> request.bucket(bucket.name).key(key).uploadId(uploadId))
                        .parts().forEach(part -> listed.add(UploadedPart.of(part)));
                return null;
            });
            listed.sort((a, b) -> Integer.compare(a.number(), b.number()));
            // Parts are written one after another; anything after a gap is not part of the file.
            for (UploadedPart part : listed) {
                if (part.number() != parts.size() + 1) {
                    break;
                }
                parts.add(part);
                partBytes += part.size();
            }
            readTail();
            return;
        }
        if (!readTail()) {
            Optional<Long> committed = bucket.head(path, key).map(head -> head.contentLength());
            if (committed.isPresent()) {
                continueCommitted(committed.get());
            }
        }
    }

    /** Loads the tail matching the part count; false when there is none. */
    private boolean readTail() throws IOException {
        String tailKey = tailKey();
        try {
            buffer = bucket.client.getObjectAsBytes(request -> request.bucket(bucket.name).key(tailKey))
                    .asByteArrayUnsafe();
            buffered = buffer.length;
            loadedTail = tailKey;
            return true;
        } catch (SdkException e) {
            if (S3Errors.isNotFound(e)) {
                return false;
            }
            throw S3Errors.translate(path, e);
        }
    }

    /**
     * Appending to a committed file (the registry never does; the contract allows it): its
     * whole chunks become parts by server-side copy, the rest is read into the buffer. A crash
     * in the middle leaves a resumable file that is a prefix of the content.
     */
    private void continueCommitted(long size) throws IOException {
        long wholeChunks = size / chunkSize;
        if (wholeChunks > 0) {
            startUpload();
            long copied = wholeChunks * chunkSize;
            parts.addAll(copier.copyRanges(path, key, key, uploadId, 1, copied, chunkSize));
            partBytes = copied;
        }
        int rest = Math.toIntExact(size - partBytes);
        if (rest > 0) {
            String range = "bytes=" + partBytes + "-" + (size - 1);
            buffer = call(path, () -> bucket.client.getObjectAsBytes(request -> request.bucket(bucket.name).key(key)
                    .range(range))).asByteArrayUnsafe();
            buffered = buffer.length;
            tailUnsaved = wholeChunks > 0;
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        requireOpen();
        Objects.checkFromIndexSize(offset, length, bytes.length);
        while (length > 0) {
            int count = Math.min(length, chunkSize - buffered);
            ensureCapacity(buffered + count);
            System.arraycopy(bytes, offset, buffer, buffered, count);
            buffered += count;
            offset += count;
            length -= count;
            tailUnsaved = true;
            if (buffered == chunkSize) {
                uploadPart();
            }
        }
    }

    private void ensureCapacity(int needed) {
        if (buffer.length < needed) {
            int grown = Math.max(needed, Math.min(chunkSize, Math.max(INITIAL_BUFFER, buffer.length * 2)));
            buffer = Arrays.copyOf(buffer, grown);
        }
    }

    private void startUpload() throws IOException {
        uploadId = call(path, () -> bucket.client.createMultipartUpload(bucket.createUpload(key).build())).uploadId();
    }

    /** Uploads the buffer as the next part and empties it. */
    private void uploadPart() throws IOException {
        if (uploadId == null) {
            startUpload();
        }
        int number = parts.size() + 1;
        int length = buffered;
        RequestBody body = Bucket.body(buffer, length);
        String etag = call(path, () -> bucket.client.uploadPart(request -> request.bucket(bucket.name).key(key)
                .uploadId(uploadId).partNumber(number).contentLength((long) length), body)).eTag();
        parts.add(new UploadedPart(number, etag, length));
        partBytes += length;
        buffered = 0;
        tailUnsaved = false;
        if (loadedTail != null) {
            // Superseded by the part just written; resuming would never read it again.
            bucket.deleteKeys(path, List.of(loadedTail));
            loadedTail = null;
        }
    }

    @Override
    public long size() {
        return partBytes + buffered;
    }

    @Override
    public void commit() throws IOException {
        requireOpen();
        if (uploadId == null) {
            bucket.putObject(path, key, buffer, buffered);
        } else {
            if (buffered > 0) {
                uploadPart();
            }
            if (parts.isEmpty()) {
                bucket.abort(path, key, uploadId);
                bucket.putObject(path, key, buffer, 0);
            } else {
                bucket.complete(path, key, uploadId, parts);
            }
        }
        state = State.COMMITTED;
        bucket.deleteKeys(path, tailKeys(bucket, path, key));
    }

    @Override
    public void cancel() throws IOException {
        if (state == State.COMMITTED || state == State.CANCELLED) {
            throw new IOException("s3: writer on " + path + " is already " + state.name().toLowerCase(Locale.ROOT));
        }
        state = State.CANCELLED;
        discard(bucket, path, key);
    }

    /** Saves the unsaved tail so another writer can resume; the upload's parts are already there. */
    @Override
    public void close() throws IOException {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSED;
        if (tailUnsaved && buffered > 0) {
            bucket.putObject(path, tailKey(), buffer, buffered);
        }
    }

    private void requireOpen() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("s3: writer on " + path + " is " + state.name().toLowerCase(Locale.ROOT));
        }
    }
}
