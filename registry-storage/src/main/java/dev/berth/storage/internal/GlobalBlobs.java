package dev.berth.storage.internal;

import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
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

/** Every blob of the registry, under {@code blobs/}: what the collector marks against and sweeps. */
public final class GlobalBlobs implements BlobStore {

    private final Storage storage;

    public GlobalBlobs(Storage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        return storage.stat(Layout.blobData(digest))
                .filter(info -> !info.isDirectory())
                .map(info -> new BlobInfo(digest, info.size(), info.modifiedAt()));
    }

    @Override
    public InputStream open(Digest digest, long offset) {
        return storage.reader(Layout.blobData(digest), offset).orElseThrow(() -> unknown(digest));
    }

    @Override
    public Optional<URI> redirect(Digest digest, String method, Duration expiry) {
        return storage.redirectUrl(Layout.blobData(digest), method, expiry);
    }

    @Override
    public void delete(Digest digest) {
        if (!storage.delete(Layout.blob(digest))) {
            throw unknown(digest);
        }
    }

    /**
     * Walks {@code blobs/<alg>/<2 hex>/<hex>} one directory at a time, as the stream is consumed,
     * in no particular order: sorting the names of every blob would cost the collector more
     * than listing them.
     */
    @Override
    public Stream<Digest> digests() {
        return Arrays.stream(DigestAlgorithm.values()).flatMap(algorithm ->
                storage.list(Layout.blobs(algorithm)).stream()
                        .flatMap(prefix -> storage.list(prefix).stream())
                        .map(StoragePaths::baseName)
                        .flatMap(hex -> digest(algorithm, hex).stream()));
    }

    /** The digest a directory name stands for; empty for names that are not one (stray files). */
    static Optional<Digest> digest(DigestAlgorithm algorithm, String hex) {
        if (hex.length() != algorithm.hexLength()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Digest(algorithm, hex));
        } catch (RegistryException notHex) {
            return Optional.empty();
        }
    }

    static RuntimeException unknown(Digest digest) {
        return ErrorCode.BLOB_UNKNOWN.exception("blob unknown to registry", digest.toString());
    }
}
