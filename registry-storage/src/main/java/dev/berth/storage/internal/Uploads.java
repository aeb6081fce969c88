package dev.berth.storage.internal;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.ErrorCode;
import dev.berth.api.MediaType;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.BlobUploads;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.layout.Layout;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** A repository's uploads under {@code _uploads/<id>}, and cross-repository mounts. */
public record Uploads(Store store, RepositoryName name, LinkedBlobs blobs, GlobalBlobs global) implements BlobUploads {

    /**
     * Writes {@code startedat}, then creates the empty data file, as distribution does: an
     * object-store driver can only resume a writer that was opened once.
     */
    @Override
    public BlobUpload start() {
        String id = UUID.randomUUID().toString();
        Instant startedAt = store.clock().instant();
        store.storage().put(Layout.uploadStartedAt(name, id), Layout.startedAt(startedAt));
        String data = Layout.uploadData(name, id);
        try {
            store.storage().writer(data, false).close();
        } catch (IOException e) {
            throw Storage.unavailable("create", data, e);
        }
        return new Upload(store, name, id, startedAt, 0, blobs);
    }

    /** The upload as storage has it: its size is whatever earlier requests, here or elsewhere, wrote. */
    @Override
    public BlobUpload resume(String id) {
        if (!Layout.isUploadId(id)) {
            throw unknown(id);
        }
        Instant startedAt = store.storage().content(Layout.uploadStartedAt(name, id))
                .flatMap(Layout::parseStartedAt)
                .orElseThrow(() -> unknown(id));
        long size = Upload.sizeOf(store.storage(), Layout.uploadData(name, id));
        return new Upload(store, name, id, startedAt, size, blobs);
    }

    @Override
    public Optional<Descriptor> mount(Digest digest, Optional<RepositoryName> from) {
        boolean available = from
                .map(source -> new LinkedBlobs(store.storage(), source, global).stat(digest).isPresent())
                .orElseGet(() -> global.stat(digest).isPresent());
        if (!available) {
            return Optional.empty();
        }
        blobs.link(digest);
        // Stat again: a concurrent delete of the blob may have won, and then there is nothing to mount.
        return global.stat(digest).map(info -> Descriptor.of(MediaType.OCTET_STREAM, digest, info.size()));
    }

    /** Uploads whose {@code startedat} cannot be read are listed as started at the epoch: leftovers to purge. */
    @Override
    public Stream<UploadInfo> list() {
        return store.storage().list(Layout.uploads(name)).stream().sorted()
                .map(StoragePaths::baseName)
                .filter(Layout::isUploadId)
                .map(id -> new UploadInfo(id, store.storage().content(Layout.uploadStartedAt(name, id))
                        .flatMap(Layout::parseStartedAt)
                        .orElse(Instant.EPOCH)));
    }

    static RuntimeException unknown(String id) {
        return ErrorCode.BLOB_UPLOAD_UNKNOWN.exception("blob upload unknown to registry", id);
    }
}
