package dev.berth.api.store;

import dev.berth.api.Digest;
import java.time.Instant;
import java.util.Objects;

/** What the store knows of a blob without reading it: size and when it was written. */
public record BlobInfo(Digest digest, long size, Instant modifiedAt) {

    public BlobInfo {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
    }
}
