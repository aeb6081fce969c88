package dev.berth.storage.gcs;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a writer with an open resumable session leaves beside its object: the session URL, the
 * object the session creates, and the offset that object starts at. Three lines of text, as
 * distribution keeps the session URL and offset in object metadata.
 */
record SessionRecord(String session, String target, long base) {

    byte[] bytes() {
        return (session + "\n" + target + "\n" + base + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static Optional<SessionRecord> parse(byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        if (lines.length < 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SessionRecord(lines[0], lines[1], Long.parseLong(lines[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void save(Storage storage, String bucket, String name, SessionRecord record, String path)
            throws IOException {
        GcsErrors.call(path, () -> storage.create(
                BlobInfo.newBuilder(bucket, ObjectNames.sessionRecord(name)).build(), record.bytes()));
    }

    /**
     * Finishes what a writer that died left in its session, keeping the bytes the session
     * persisted, and folds them into the object. A session that has expired has lost its bytes;
     * the record is then only removed.
     */
    static void recover(Storage storage, ResumableUploads uploads, String bucket, String name, String path)
            throws IOException {
        BlobId recordId = BlobId.of(bucket, ObjectNames.sessionRecord(name));
        byte[] bytes;
        try {
            bytes = storage.readAllBytes(recordId);
        } catch (StorageException e) {
            if (e.getCode() == 404) {
                return;
            }
            throw GcsErrors.translate(e, path);
        }
        Optional<SessionRecord> record = parse(bytes);
        if (record.isPresent()) {
            finish(storage, uploads, bucket, name, record.get(), path);
        }
        GcsErrors.call(path, () -> storage.delete(recordId));
    }

    private static void finish(Storage storage, ResumableUploads uploads, String bucket, String name,
            SessionRecord record, String path) throws IOException {
        long persisted;
        try {
            persisted = uploads.query(record.session());
        } catch (IOException expired) {
            return; // sessions live a week; its bytes are gone with it
        }
        if (persisted >= 0) {
            uploads.put(record.session(), new byte[0], 0, 0, persisted, OptionalLong.of(persisted));
        }
        if (!record.target().equals(name)
                && GcsErrors.call(path, () -> storage.get(BlobId.of(bucket, record.target()))) != null) {
            long generation = GcsDriver.generation(GcsErrors.call(path, () -> storage.get(BlobId.of(bucket, name))));
            composeOnto(storage, bucket, name, generation, record.target(), path);
        }
    }

    /** Appends {@code part} to the object server side (if the object is still the generation it was), then drops the part. */
    static void composeOnto(Storage storage, String bucket, String name, long generation, String part, String path)
            throws IOException {
        Storage.ComposeRequest.Builder compose = Storage.ComposeRequest.newBuilder()
                .addSource(name, part)
                .setTarget(BlobInfo.newBuilder(bucket, name).build());
        if (generation != GcsDriver.UNKNOWN_GENERATION) {
            compose.setTargetOptions(Storage.BlobTargetOption.generationMatch(generation));
        }
        GcsErrors.call(path, () -> storage.compose(compose.build()));
        GcsErrors.call(path, () -> storage.delete(BlobId.of(bucket, part)));
    }
}
