package dev.berth.api.store;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** The uploads of one repository. */
public interface BlobUploads {

    /** Starts a new, empty upload. */
    BlobUpload start();

    /** The upload with this id; {@code BLOB_UPLOAD_UNKNOWN} when there is none. */
    BlobUpload resume(String id);

    /**
     * Links a blob the registry already has into this repository without a byte moving: the
     * cross-repository mount. With {@code from}, the blob must be linked there; without it,
     * any copy in the registry will do. Empty when the blob cannot be mounted.
     */
    Optional<Descriptor> mount(Digest digest, Optional<RepositoryName> from);

    /** The uploads in progress, with when each started: what the upload purger needs. */
    Stream<UploadInfo> list();

    /** An upload in progress, as storage records it. */
    record UploadInfo(String id, Instant startedAt) {
    }
}
