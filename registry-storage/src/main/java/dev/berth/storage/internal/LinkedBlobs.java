package dev.berth.storage.internal;

import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobInfo;
import dev.berth.api.store.BlobStore;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.layout.Layout;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A repository's blobs: those linked under {@code _layers}, and, as in distribution, its
 * manifests (a revision link makes the manifest's bytes readable as a blob of the repository).
 * A link whose blob is gone counts as no blob.
 */
public record LinkedBlobs(Storage storage, RepositoryName name, GlobalBlobs global) implements BlobStore {

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        return isLinked(digest) ? global.stat(digest) : Optional.empty();
    }

    @Override
    public InputStream open(Digest digest, long offset) {
        if (!isLinked(digest)) {
            throw GlobalBlobs.unknown(digest);
        }
        return global.open(digest, offset);
    }

    @Override
    public Optional<URI> redirect(Digest digest, String method, Duration expiry) {
        if (!isLinked(digest)) {
            throw GlobalBlobs.unknown(digest);
        }
        return global.redirect(digest, method, expiry);
    }

    /** Unlinks the blob from this repository; the bytes stay for the collector to judge. */
    @Override
    public void delete(Digest digest) {
        if (!storage.delete(StoragePaths.parent(Layout.layerLink(name, digest)))) {
            throw GlobalBlobs.unknown(digest);
        }
    }

    /**
     * The digests named by the repository's {@code _layers} directories, as distribution
     * enumerates linked blobs: by path, without reading each link, in no particular order.
     * One listing per repository instead of one read per link is what lets the collector go
     * over tens of thousands of links quickly.
     */
    @Override
    public Stream<Digest> digests() {
        return Arrays.stream(DigestAlgorithm.values()).flatMap(algorithm ->
                storage.list(Layout.layers(name, algorithm)).stream()
                        .map(StoragePaths::baseName)
                        .flatMap(hex -> GlobalBlobs.digest(algorithm, hex).stream()));
    }

    /** Links a blob the registry has into this repository. */
    void link(Digest digest) {
        storage.putLink(Layout.layerLink(name, digest), digest);
    }

    boolean isLinked(Digest digest) {
        return digest.equals(storage.link(Layout.layerLink(name, digest)).orElse(null))
                || digest.equals(storage.link(Layout.revisionLink(name, digest)).orElse(null));
    }
}
