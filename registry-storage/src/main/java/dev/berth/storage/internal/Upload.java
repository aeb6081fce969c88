package dev.berth.storage.internal;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.Digester;
import dev.berth.api.ErrorCode;
import dev.berth.api.MediaType;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobUpload;
import dev.berth.storage.driver.StorageWriter;
import dev.berth.storage.layout.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One upload. Bytes are appended to {@code _uploads/<id>/data} and hashed (sha256, the
 * canonical algorithm) as they are written; the running hash is kept in memory between
 * requests. Whenever that state is missing or does not match the bytes on storage (another
 * node appended, the process restarted, a copy failed half way), later chunks are written
 * without hashing and commit hashes the bytes on storage once, after the data writer is
 * committed: storage is the truth, memory only a shortcut. Waiting for commit matters on
 * object storage, where an upload in progress cannot be read back, and keeps an upload whose
 * chunks land on different nodes from being re-read once per chunk.
 *
 * <p>Commit order: verify, make the data durable, move it to {@code blobs/}, link it into the
 * repository, remove the upload. A crash between steps leaves at most an unreferenced blob or
 * a stale upload, never a link to missing bytes.
 */
final class Upload implements BlobUpload {

    private static final DigestAlgorithm CANONICAL = DigestAlgorithm.SHA256;

    private final Store store;
    private final RepositoryName name;
    private final String id;
    private final Instant startedAt;
    private final LinkedBlobs blobs;
    private final String data;
    private final String hashKey;
    private volatile long size;

    Upload(Store store, RepositoryName name, String id, Instant startedAt, long size, LinkedBlobs blobs) {
        this.store = store;
        this.name = name;
        this.id = id;
        this.startedAt = startedAt;
        this.size = size;
        this.blobs = blobs;
        this.data = Layout.uploadData(name, id);
        this.hashKey = name + "@" + id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long append(InputStream content, long offset) {
        Locks.Held lock = store.uploadLocks().lock(hashKey);
        try {
            StorageWriter writer = store.storage().writer(data, true);
            try (writer) {
                long stored = writer.size();
                if (offset != stored) {
                    size = stored;
                    throw ErrorCode.RANGE_INVALID.exception("upload is at " + stored + ", not " + offset, stored);
                }
                Optional<Digester> running = stored == 0
                        ? Optional.of(Digester.create(CANONICAL))
                        : store.uploadHashes().at(hashKey, stored);
                store.uploadHashes().forget(hashKey); // until the copy is known to be whole
                if (running.isPresent()) {
                    store.copier().copy(content, writer, running.get());
                } else {
                    store.copier().copy(content, writer); // commit re-hashes what storage holds
                }
                writer.close();
                size = writer.size();
                running.filter(digester -> digester.size() == size)
                        .ifPresent(digester -> store.uploadHashes().save(hashKey, digester));
                return size;
            } catch (IOException e) {
                size = storedSize();
                throw Storage.unavailable("append to", data, e);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Descriptor commit(Digest expected, OptionalLong expectedSize) {
        Locks.Held lock = store.uploadLocks().lock(hashKey);
        try {
            if (!store.storage().exists(Layout.uploadStartedAt(name, id))) {
                throw Uploads.unknown(id);
            }
            long stored = durableSize();
            if (expectedSize.isPresent() && expectedSize.getAsLong() != stored) {
                discard();
                throw ErrorCode.SIZE_INVALID.exception("upload has " + stored + " bytes, not "
                        + expectedSize.getAsLong(), stored);
            }
            Digest actual = expected.algorithm() == CANONICAL
                    ? hashAt(stored).digest()
                    : rehash(expected.algorithm(), stored).digest();
            if (!actual.equals(expected)) {
                discard();
                throw ErrorCode.DIGEST_INVALID.exception("provided digest did not match uploaded content",
                        expected.toString());
            }
            // Moved even over the same blob already there (distribution keeps the old copy): that
            // copy may be garbage an online collection is about to delete, and the new one is
            // inside its grace period. The client has sent every byte already; a rename, or a
            // server-side copy on object storage, costs less than that.
            if (!store.storage().move(data, Layout.blobData(expected))) {
                throw Uploads.unknown(id);
            }
            blobs.link(expected);
            discard();
            return Descriptor.of(MediaType.OCTET_STREAM, expected, stored);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel() {
        Locks.Held lock = store.uploadLocks().lock(hashKey);
        try {
            discard();
        } finally {
            lock.unlock();
        }
    }

    /** Commits the data writer (durable on disk, completed on object storage) and returns its size. */
    private long durableSize() {
        StorageWriter writer = store.storage().writer(data, true);
        try (writer) {
            long stored = writer.size();
            writer.commit();
            size = stored;
            return stored;
        } catch (IOException e) {
            throw Storage.unavailable("commit", data, e);
        }
    }

    private void discard() {
        store.uploadHashes().forget(hashKey);
        store.storage().delete(Layout.upload(name, id));
    }

    private long storedSize() {
        return sizeOf(store.storage(), data);
    }

    /**
     * The bytes an upload holds. Stat answers on a filesystem; object storage shows nothing at
     * the path until the writer commits, and then the writer, which continues after what is
     * there, knows.
     */
    static long sizeOf(Storage storage, String data) {
        return storage.stat(data).map(info -> info.size()).orElseGet(() -> {
            try (StorageWriter writer = storage.writer(data, true)) {
                return writer.size();
            } catch (IOException e) {
                throw Storage.unavailable("open", data, e);
            }
        });
    }

    /** The canonical hash of the first {@code length} bytes: from memory when it matches, else from storage. */
    private Digester hashAt(long length) {
        return store.uploadHashes().at(hashKey, length).orElseGet(() -> rehash(CANONICAL, length));
    }

    private Digester rehash(DigestAlgorithm algorithm, long length) {
        Digester digester = Digester.create(algorithm);
        if (length == 0) {
            return digester;
        }
        try (InputStream in = store.storage().reader(data, 0).orElseThrow(() -> Uploads.unknown(id))) {
            long read = digester.consume(new BoundedInputStream(in, length));
            if (read != length) {
                throw new RegistryException(ErrorCode.UNAVAILABLE, "upload data shorter than its size", id);
            }
            return digester;
        } catch (IOException e) {
            throw Storage.unavailable("read", data, e);
        }
    }
}
