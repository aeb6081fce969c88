package dev.berth.storage.s3;

import static dev.berth.storage.s3.S3Errors.call;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The {@code s3} storage driver: distribution's layout as objects in one bucket under an
 * optional root prefix, through the AWS SDK for Java v2. Directories are key prefixes. Writes
 * are resumable multipart uploads ({@link S3Writer}), moves are server-side copies, listings
 * and walks are paged {@code ListObjectsV2} calls, redirects are presigned URLs.
 */
public final class S3Driver implements StorageDriver {

    /** SigV4 presigned URLs live at most a week. */
    private static final Duration MAX_PRESIGN = Duration.ofDays(7);

    private final S3DriverConfig config;
    private final S3Client client;
    private final S3Presigner presigner;
    private final AwsCredentialsProvider credentials;
    private final Bucket bucket;
    private final MultipartCopier copier;
    private final ExecutorService ownedExecutor;

    private S3Driver(S3DriverConfig config, ExecutorService copyExecutor, boolean ownsExecutor,
            RequestRateLimiter.Ticker ticker) {
        this.config = config;
        this.credentials = S3Clients.credentials(config);
        Optional<RequestRateLimiter> limiter = config.maxRequestsPerSecond() > 0
                ? Optional.of(new RequestRateLimiter(config.maxRequestsPerSecond(), ticker))
                : Optional.empty();
        this.client = S3Clients.client(config, credentials, limiter);
        this.presigner = S3Clients.presigner(config, credentials);
        this.bucket = new Bucket(client, config);
        this.copier = new MultipartCopier(bucket, copyExecutor);
        this.ownedExecutor = ownsExecutor ? copyExecutor : null;
    }

    /** A driver with its own threads for parallel part copies, released by {@link #close()}. */
    public static S3Driver create(S3DriverConfig config) {
        return create(config, RequestRateLimiter.SYSTEM);
    }

    /** A driver whose rate limiter runs on {@code ticker}: for tests. */
    static S3Driver create(S3DriverConfig config, RequestRateLimiter.Ticker ticker) {
        return new S3Driver(config, Executors.newCachedThreadPool(copyThreads()), true, ticker);
    }

    /** A driver that runs parallel part copies on the caller's executor, which it never shuts down. */
    public static S3Driver create(S3DriverConfig config, ExecutorService copyExecutor) {
        return new S3Driver(config, copyExecutor, false, RequestRateLimiter.SYSTEM);
    }

    private static java.util.concurrent.ThreadFactory copyThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "berth-s3-copy-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public S3DriverConfig config() {
        return config;
    }

    @Override
    public String name() {
        return S3Errors.DRIVER;
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        String key = fileKey(path);
        return call(path, () -> client.getObjectAsBytes(request -> request.bucket(bucket.name).key(key)))
                .asByteArrayUnsafe();
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        bucket.putObject(path, fileKey(path), content, content.length);
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        String key = fileKey(path);
        if (offset < 0) {
            throw new InvalidOffsetException(name(), path, offset);
        }
        try {
            return client.getObject(request -> request.bucket(bucket.name).key(key)
                    .range(offset > 0 ? "bytes=" + offset + "-" : null));
        } catch (SdkException e) {
            if (!S3Errors.isInvalidRange(e)) {
                throw S3Errors.translate(path, e);
            }
        }
        // S3 refuses a range that starts at the end; the contract wants an empty stream there.
        long size = bucket.head(path, key).orElseThrow(() -> new PathNotFoundException(name(), path)).contentLength();
        if (offset == size) {
            return InputStream.nullInputStream();
        }
        throw new InvalidOffsetException(name(), path, offset);
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        fileKey(path);
        return S3Writer.open(bucket, copier, path, append);
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        StoragePaths.validate(path);
        if (path.equals("/")) {
            return FileInfo.directory(path, Instant.EPOCH);
        }
        Optional<HeadObjectResponse> head = bucket.head(path, bucket.key(path));
        if (head.isPresent()) {
            return FileInfo.file(path, head.get().contentLength(), head.get().lastModified());
        }
        if (bucket.anyBelow(path, bucket.prefix(path))) {
            return FileInfo.directory(path, Instant.EPOCH);
        }
        throw new PathNotFoundException(name(), path);
    }

    @Override
    public List<String> list(String path) throws IOException {
        StoragePaths.validate(path);
        List<String> children = new ArrayList<>();
        bucket.list(path, bucket.prefix(path), Optional.of("/"), Optional.empty(), Bucket.BATCH, page -> {
            page.commonPrefixes().forEach(prefix -> bucket.path(stripSlash(prefix.prefix())).ifPresent(children::add));
            page.contents().forEach(object -> bucket.path(object.key()).ifPresent(children::add));
        });
        if (children.isEmpty() && !path.equals("/")) {
            throw new PathNotFoundException(name(), path);
        }
        return children;
    }

    private static String stripSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        String sourceKey = fileKey(sourcePath);
        String destKey = fileKey(destPath);
        long size = bucket.head(sourcePath, sourceKey)
                .orElseThrow(() -> new PathNotFoundException(name(), sourcePath)).contentLength();
        if (sourceKey.equals(destKey)) {
            return;
        }
        copier.copy(sourcePath, sourceKey, destKey, size);
        call(sourcePath, () -> client.deleteObject(request -> request.bucket(bucket.name).key(sourceKey)));
    }

    @Override
    public void delete(String path) throws IOException {
        StoragePaths.validate(path);
        String key = bucket.key(path);
        String prefix = bucket.prefix(path);
        boolean found = false;
        if (!key.isEmpty() && bucket.head(path, key).isPresent()) {
            bucket.deleteKeys(path, List.of(key));
            found = true;
        }
        found |= deleteBelow(path, prefix);
        if (!key.isEmpty()) {
            found |= deleteBelow(path, key + "~");
        }
        found |= abortUploads(path, key, prefix);
        if (!found) {
            throw new PathNotFoundException(name(), path);
        }
    }

    /** Deletes every key starting with {@code prefix}, a page at a time; true if there were any. */
    private boolean deleteBelow(String path, String prefix) throws IOException {
        boolean[] any = {false};
        bucket.list(path, prefix, Optional.empty(), Optional.empty(), Bucket.BATCH, page -> {
            List<String> keys = page.contents().stream().map(object -> object.key()).toList();
            any[0] |= !keys.isEmpty();
            bucket.deleteKeys(path, keys);
        });
        return any[0];
    }

    /** Multipart uploads in progress are invisible to listings but cost storage: abort those below a deleted path. */
    private boolean abortUploads(String path, String key, String prefix) throws IOException {
        List<software.amazon.awssdk.services.s3.model.MultipartUpload> uploads = new ArrayList<>();
        bucket.uploadsBelow(path, key, upload -> {
            if (key.isEmpty() || upload.key().equals(key) || upload.key().startsWith(prefix)) {
                uploads.add(upload);
            }
        });
        for (var upload : uploads) {
            bucket.abort(path, upload.key(), upload.uploadId());
        }
        return !uploads.isEmpty();
    }

    /** A presigned URL for GET or HEAD; S3 checks the signature, so no credential travels in it. */
    @Override
    public Optional<URI> redirectUrl(String path, String method, Duration expiry) throws IOException {
        String key = fileKey(path);
        Duration lifetime = expiry.compareTo(MAX_PRESIGN) > 0 ? MAX_PRESIGN : expiry;
        try {
            return switch (method) {
                case "GET" -> Optional.of(presigner.presignGetObject(request -> request.signatureDuration(lifetime)
                        .getObjectRequest(get -> get.bucket(bucket.name).key(key))).url().toURI());
                case "HEAD" -> Optional.of(presigner.presignHeadObject(request -> request.signatureDuration(lifetime)
                        .headObjectRequest(head -> head.bucket(bucket.name).key(key))).url().toURI());
                default -> Optional.empty();
            };
        } catch (java.net.URISyntaxException e) {
            throw new IOException("s3: presigned URL for " + path + " is not a URI", e);
        } catch (SdkException e) {
            throw S3Errors.translate(path, e);
        }
    }

    /** One flat listing of the keys below the path, a thousand per request, however deep the tree. */
    @Override
    public void walk(String path, WalkVisitor visitor) throws IOException {
        StoragePaths.validate(path);
        boolean[] found = {false};
        Iterable<FileInfo> files = () -> client.listObjectsV2Paginator(request -> request.bucket(bucket.name)
                        .prefix(bucket.prefix(path)).maxKeys(Bucket.BATCH))
                .contents().stream()
                .flatMap(object -> bucket.path(object.key())
                        .map(file -> FileInfo.file(file, object.size(), object.lastModified())).stream())
                .peek(file -> found[0] = true)
                .iterator();
        try {
            FlatListingWalk.walk(path, files, visitor);
        } catch (SdkException e) {
            throw S3Errors.translate(path, e);
        }
        if (!found[0] && !path.equals("/")) {
            throw new PathNotFoundException(name(), path);
        }
    }

    @Override
    public void close() {
        client.close();
        presigner.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Credentials providers release caches and refresh threads; nothing to recover.
            }
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    /** The key of a file path; the root is a directory, never a file. */
    private String fileKey(String path) throws PathNotFoundException {
        StoragePaths.validate(path);
        if (path.equals("/")) {
            throw new PathNotFoundException(name(), path);
        }
        return bucket.key(path);
    }

    @Override
    public String toString() {
        return "s3[" + config.bucket() + "/" + config.rootDirectory() + "]";
    }
}
