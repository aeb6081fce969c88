package dev.berth.storage.gcs;

import com.google.auth.ServiceAccountSigner;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.CopyWriter;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.FlatListingWalk;
import dev.berth.storage.driver.InvalidOffsetException;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.driver.StorageWriter;
import dev.berth.storage.driver.WalkVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * The {@code gcs} driver: registry paths as objects in one Google Cloud Storage bucket, through
 * the JSON API. Writers are resumable upload sessions that any node can continue
 * ({@link GcsWriter}); moves are server-side rewrites; redirects are V4 signed URLs, offered
 * only with credentials that can sign (a service account key, or a signer such as the metadata
 * server's).
 */
public final class GcsDriver implements StorageDriver {

    static final String NAME = "gcs";
    /** V4 signatures live at most seven days. */
    private static final Duration MAX_SIGNED_URL = Duration.ofDays(7);
    static final long UNKNOWN_GENERATION = -1;

    private final GcsSettings settings;
    private final Storage storage;
    private final ResumableUploads uploads;
    private final ObjectNames names;
    private final boolean canSign;

    public GcsDriver(GcsSettings settings) {
        this(settings, GcsClients.options(settings));
    }

    private GcsDriver(GcsSettings settings, StorageOptions options) {
        this(settings, GcsClients.storage(options), GcsClients.resumableUploads(options, settings.bucket()),
                options.getCredentials() instanceof ServiceAccountSigner);
    }

    GcsDriver(GcsSettings settings, Storage storage, ResumableUploads uploads, boolean canSign) {
        this.settings = settings;
        this.storage = storage;
        this.uploads = uploads;
        this.names = new ObjectNames(settings.rootDirectory());
        this.canSign = canSign;
    }

    @Override
    public String name() {
        return NAME;
    }

    public GcsSettings settings() {
        return settings;
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return GcsErrors.call(path, () -> storage.readAllBytes(id(path)));
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        GcsErrors.call(path, () -> storage.create(info(path), content));
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        Blob blob = existing(path);
        if (offset < 0 || offset > blob.getSize()) {
            throw new InvalidOffsetException(NAME, path, offset);
        }
        if (offset == blob.getSize()) {
            return InputStream.nullInputStream();
        }
        // Pinned to the generation just seen: a replaced object fails the read instead of mixing versions.
        ReadChannel channel = GcsErrors.call(path, () -> storage.reader(blob.getBlobId()));
        channel.setChunkSize(settings.chunkSize());
        channel.seek(offset);
        return Channels.newInputStream(channel);
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        StoragePaths.validate(path);
        String name = names.name(path);
        if (!append) {
            GcsErrors.call(path, () -> storage.delete(BlobId.of(settings.bucket(), ObjectNames.sessionRecord(name))));
            GcsErrors.call(path, () -> storage.create(info(path), new byte[0]));
            // Nothing is composed onto an empty object, so its generation is not needed.
            return new GcsWriter(storage, uploads, settings.bucket(), path, name, 0, UNKNOWN_GENERATION,
                    settings.chunkSize());
        }
        SessionRecord.recover(storage, uploads, settings.bucket(), name, path);
        Blob blob = existing(path);
        return new GcsWriter(storage, uploads, settings.bucket(), path, name, blob.getSize(), generation(blob),
                settings.chunkSize());
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        StoragePaths.validate(path);
        if (!path.equals("/")) {
            Blob blob = GcsErrors.call(path, () -> storage.get(id(path)));
            if (blob != null) {
                return fileInfo(path, blob);
            }
        }
        Storage.BlobListOption[] options = {Storage.BlobListOption.prefix(names.directoryPrefix(path)),
                Storage.BlobListOption.pageSize(1)};
        if (GcsErrors.call(path, () -> storage.list(settings.bucket(), options).getValues().iterator().hasNext())) {
            return FileInfo.directory(path, Instant.EPOCH);
        }
        throw new PathNotFoundException(NAME, path);
    }

    @Override
    public List<String> list(String path) throws IOException {
        StoragePaths.validate(path);
        List<String> children = new ArrayList<>();
        GcsErrors.call(path, () -> {
            for (Blob blob : storage.list(settings.bucket(), Storage.BlobListOption.prefix(names.directoryPrefix(path)),
                    Storage.BlobListOption.currentDirectory()).iterateAll()) {
                names.path(blob.getName()).ifPresent(children::add);
            }
            return null;
        });
        if (children.isEmpty() && !path.equals("/")) {
            throw new PathNotFoundException(NAME, path);
        }
        return children;
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        StoragePaths.validate(destPath);
        Blob source = existing(sourcePath);
        GcsErrors.call(destPath, () -> {
            // Rewrite copies server side; big objects take several calls, each carrying on the last.
            CopyWriter copy = storage.copy(Storage.CopyRequest.newBuilder()
                    .setSource(source.getBlobId())
                    .setTarget(id(destPath))
                    .build());
            while (!copy.isDone()) {
                copy.copyChunk();
            }
            return copy.getResult();
        });
        GcsErrors.call(sourcePath, () -> storage.delete(BlobId.of(settings.bucket(), source.getName())));
    }

    @Override
    public void delete(String path) throws IOException {
        StoragePaths.validate(path);
        if (!path.equals("/") && GcsErrors.call(path, () -> storage.delete(id(path)))) {
            return;
        }
        boolean any = GcsErrors.call(path, () -> {
            boolean found = false;
            for (Blob blob : storage.list(settings.bucket(),
                    Storage.BlobListOption.prefix(names.directoryPrefix(path))).iterateAll()) {
                storage.delete(blob.getBlobId());
                found = true;
            }
            return found;
        });
        if (!any) {
            throw new PathNotFoundException(NAME, path);
        }
    }

    /** A V4 signed URL for GET or HEAD, when the credentials can sign; it carries a signature, never a key. */
    @Override
    public Optional<URI> redirectUrl(String path, String method, Duration expiry) throws IOException {
        StoragePaths.validate(path);
        String verb = method.toUpperCase(Locale.ROOT);
        if (!canSign || !(verb.equals("GET") || verb.equals("HEAD"))) {
            return Optional.empty();
        }
        Duration lifetime = expiry.compareTo(MAX_SIGNED_URL) > 0 ? MAX_SIGNED_URL : expiry;
        try {
            return Optional.of(GcsErrors.call(path, () -> storage.signUrl(info(path), lifetime.toSeconds(),
                    TimeUnit.SECONDS, Storage.SignUrlOption.withV4Signature(),
                    Storage.SignUrlOption.httpMethod(HttpMethod.valueOf(verb)))).toURI());
        } catch (URISyntaxException e) {
            throw new IOException("gcs: signed URL for " + path + " is not a URI", e);
        }
    }

    /** One flat listing, lexicographic as GCS returns it, instead of one listing per directory. */
    @Override
    public void walk(String path, WalkVisitor visitor) throws IOException {
        StoragePaths.validate(path);
        long[] seen = {0};
        Iterable<FileInfo> files = () -> StreamSupport.stream(storage.list(settings.bucket(),
                        Storage.BlobListOption.prefix(names.directoryPrefix(path))).iterateAll().spliterator(), false)
                .flatMap(blob -> names.path(blob.getName()).map(child -> fileInfo(child, blob)).stream())
                .peek(file -> seen[0]++)
                .iterator();
        try {
            FlatListingWalk.walk(path, files, visitor);
        } catch (StorageException e) {
            throw GcsErrors.translate(e, path);
        }
        if (seen[0] == 0 && !path.equals("/")) {
            throw new PathNotFoundException(NAME, path);
        }
    }

    @Override
    public String toString() {
        return "GcsDriver[" + settings + "]";
    }

    private Blob existing(String path) throws IOException {
        StoragePaths.validate(path);
        Blob blob = GcsErrors.call(path, () -> storage.get(id(path)));
        if (blob == null) {
            throw new PathNotFoundException(NAME, path);
        }
        return blob;
    }

    /** The object's generation, or {@link #UNKNOWN_GENERATION} from stores that keep none. */
    static long generation(Blob blob) {
        return blob.getGeneration() == null ? UNKNOWN_GENERATION : blob.getGeneration();
    }

    private static FileInfo fileInfo(String path, Blob blob) {
        Long size = blob.getSize();
        return FileInfo.file(path, size == null ? 0 : size,
                blob.getUpdateTimeOffsetDateTime() == null ? Instant.EPOCH : blob.getUpdateTimeOffsetDateTime().toInstant());
    }

    private BlobId id(String path) {
        return BlobId.of(settings.bucket(), names.name(StoragePaths.validate(path)));
    }

    private BlobInfo info(String path) {
        return BlobInfo.newBuilder(id(path)).setContentType("application/octet-stream").build();
    }
}
