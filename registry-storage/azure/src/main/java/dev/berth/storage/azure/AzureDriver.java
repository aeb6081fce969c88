package dev.berth.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlockList;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.FlatListingWalk;
import dev.berth.storage.driver.InvalidOffsetException;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.driver.StorageWriter;
import dev.berth.storage.driver.WalkVisitor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.StreamSupport;

/**
 * The {@code azure} driver: registry paths as block blobs in one container of an Azure Storage
 * account.
 *
 * <p>Writers stage blocks and commit the block list when closed (see {@link BlockWriter}), rather
 * than appending to an append blob as distribution's writer does: each commit replaces the blob
 * whole, a retried block replaces itself, blocks can be large, and the layers end up as block
 * blobs, which can move to the cool and archive tiers. Moves are server-side copies (synchronous
 * for blobs up to 256 MiB, a polled asynchronous copy above) followed by a delete. Redirects are
 * read-only SAS URLs.
 */
public final class AzureDriver implements StorageDriver {

    static final String NAME = "azure";
    /** The largest source "Copy Blob From URL" copies in one synchronous call. */
    private static final long SYNC_COPY_LIMIT = 256L << 20;

    private final AzureSettings settings;
    private final BlobContainerClient container;
    private final BlobNames names;
    private final SasSigner signer;
    private final Clock clock;

    public AzureDriver(AzureSettings settings, Clock clock) {
        this(settings, AzureClients.serviceClient(settings), clock);
    }

    AzureDriver(AzureSettings settings, BlobServiceClient service, Clock clock) {
        this.settings = settings;
        this.container = service.getBlobContainerClient(settings.container());
        this.names = new BlobNames(settings.rootDirectory(), settings.legacyRootPrefix());
        this.signer = new SasSigner(service, settings.accountKey().isPresent(), clock);
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The settings this driver runs with. */
    public AzureSettings settings() {
        return settings;
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        StoragePaths.validate(path);
        return AzureErrors.call(path, () -> blob(path).downloadContent().toBytes());
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        StoragePaths.validate(path);
        BlockBlobClient blob = blob(path).getBlockBlobClient();
        try {
            blob.upload(BinaryData.fromBytes(content), true);
        } catch (BlobStorageException e) {
            if (!AzureErrors.isWrongBlobType(e)) {
                throw AzureErrors.translate(e, path);
            }
            // An append blob (distribution's writer made them) cannot be overwritten by a block
            // blob in one call: delete, then put. Readers may see the path missing in between.
            try {
                blob.deleteIfExists();
                blob.upload(BinaryData.fromBytes(content), true);
            } catch (BlobStorageException retry) {
                throw AzureErrors.translate(retry, path);
            }
        }
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        StoragePaths.validate(path);
        BlobClient blob = blob(path);
        try {
            BlobProperties properties = blob.getProperties();
            long size = properties.getBlobSize();
            if (offset < 0 || offset > size) {
                throw new InvalidOffsetException(NAME, path, offset);
            }
            if (offset == size) {
                return new ByteArrayInputStream(new byte[0]);
            }
            // Reads block-sized ranges one after another, pinned to the version it opened (ETag).
            return blob.openInputStream(new BlobInputStreamOptions()
                    .setRange(new BlobRange(offset))
                    .setBlockSize(settings.blockSize())
                    .setRequestConditions(new BlobRequestConditions().setIfMatch(properties.getETag())));
        } catch (BlobStorageException e) {
            throw AzureErrors.translate(e, path);
        }
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        StoragePaths.validate(path);
        BlockBlobClient blob = blob(path).getBlockBlobClient();
        if (!append) {
            discardAndCreate(blob, path);
            return new BlockWriter(blob, path, List.of(), 0, settings.blockSize());
        }
        try {
            return resume(blob, path, blob.listBlocks(BlockListType.ALL));
        } catch (BlobStorageException e) {
            throw AzureErrors.translate(e, path);
        }
    }

    /**
     * Rebuilds a writer from the blob's block list: the committed blocks, then the uncommitted
     * blocks that continue them without a gap, ordered by the offsets their ids name: those a
     * writer staged before it died, unclosed. They are committed at once, so the size a resumed
     * writer reports is always readable. Blocks past a gap are left out and discarded.
     */
    private BlockWriter resume(BlockBlobClient blob, String path, BlockList blocks) throws IOException {
        List<String> ids = new ArrayList<>();
        long size = 0;
        for (Block block : blocks.getCommittedBlocks()) {
            OptionalLong offset = BlockIds.offset(block.getName());
            if (offset.isEmpty() || offset.getAsLong() != size) {
                throw new IOException(NAME + ": cannot append to " + path
                        + ": its committed blocks were not written by this driver");
            }
            ids.add(block.getName());
            size += block.getSizeLong();
        }
        if (ids.isEmpty() && AzureErrors.call(path, () -> blob.getProperties().getBlobSize()) > 0) {
            throw new IOException(NAME + ": cannot append to " + path + ": it was uploaded in one piece");
        }
        int committed = ids.size();
        List<Block> uncommitted = blocks.getUncommittedBlocks().stream()
                .filter(block -> BlockIds.offset(block.getName()).isPresent())
                .sorted(Comparator.comparingLong(block -> BlockIds.offset(block.getName()).getAsLong()))
                .toList();
        for (Block block : uncommitted) {
            if (BlockIds.offset(block.getName()).getAsLong() == size) {
                ids.add(block.getName());
                size += block.getSizeLong();
            }
        }
        if (ids.size() > committed) {
            AzureErrors.run(path, () -> blob.commitBlockList(ids, true));
        }
        return new BlockWriter(blob, path, ids, size, settings.blockSize());
    }

    /**
     * Makes the path an empty block blob with no uncommitted blocks: committing an empty list
     * discards every block staged before. The empty blob also makes the path exist while a
     * writer fills it, as a file would.
     */
    private static void discardAndCreate(BlockBlobClient blob, String path) throws IOException {
        try {
            blob.commitBlockList(List.of(), true);
        } catch (BlobStorageException e) {
            if (!AzureErrors.isWrongBlobType(e)) {
                throw AzureErrors.translate(e, path);
            }
            try {
                blob.deleteIfExists();
                blob.commitBlockList(List.of(), true);
            } catch (BlobStorageException retry) {
                throw AzureErrors.translate(retry, path);
            }
        }
    }

    /** Removes the path's content and every block staged for it. */
    static void discard(BlockBlobClient blob, String path) throws IOException {
        discardAndCreate(blob, path);
        AzureErrors.run(path, blob::deleteIfExists);
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        StoragePaths.validate(path);
        if (!path.equals("/")) {
            try {
                BlobProperties properties = blob(path).getProperties();
                return FileInfo.file(path, properties.getBlobSize(), properties.getLastModified().toInstant());
            } catch (BlobStorageException e) {
                if (!AzureErrors.isNotFound(e)) {
                    throw AzureErrors.translate(e, path);
                }
            }
        }
        ListBlobsOptions one = new ListBlobsOptions().setPrefix(names.directoryPrefix(path)).setMaxResultsPerPage(1);
        if (AzureErrors.call(path, () -> container.listBlobs(one, null).iterator().hasNext())) {
            return FileInfo.directory(path, Instant.EPOCH);
        }
        throw new PathNotFoundException(NAME, path);
    }

    @Override
    public List<String> list(String path) throws IOException {
        StoragePaths.validate(path);
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(names.directoryPrefix(path));
        List<String> children = new ArrayList<>();
        try {
            for (BlobItem item : container.listBlobsByHierarchy("/", options, null)) {
                children.add(names.path(item.getName()));
            }
        } catch (BlobStorageException e) {
            throw AzureErrors.translate(e, path);
        }
        if (children.isEmpty() && !path.equals("/")) {
            throw new PathNotFoundException(NAME, path);
        }
        return children;
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        StoragePaths.validate(sourcePath);
        StoragePaths.validate(destPath);
        BlobClient source = blob(sourcePath);
        BlobProperties properties = AzureErrors.call(sourcePath, source::getProperties);
        new BlobCopy(settings, blob(destPath), destPath).copy(source, properties,
                signer.readToken(source, Duration.ofMinutes(30)),
                properties.getBlobSize() <= SYNC_COPY_LIMIT);
        AzureErrors.run(sourcePath, source::deleteIfExists);
    }

    @Override
    public void delete(String path) throws IOException {
        StoragePaths.validate(path);
        if (!path.equals("/") && AzureErrors.call(path, () -> blob(path).deleteIfExists())) {
            return;
        }
        boolean any = false;
        try {
            for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(names.directoryPrefix(path)), null)) {
                container.getBlobClient(item.getName()).deleteIfExists();
                any = true;
            }
        } catch (BlobStorageException e) {
            throw AzureErrors.translate(e, path);
        }
        if (!any) {
            throw new PathNotFoundException(NAME, path);
        }
    }

    /** A read-only SAS URL, for GET and HEAD only; the account key never leaves the process. */
    @Override
    public Optional<URI> redirectUrl(String path, String method, Duration expiry) throws IOException {
        StoragePaths.validate(path);
        String verb = method.toUpperCase(Locale.ROOT);
        if (!verb.equals("GET") && !verb.equals("HEAD")) {
            return Optional.empty();
        }
        BlobClient blob = blob(path);
        return Optional.of(URI.create(blob.getBlobUrl() + "?"
                + AzureErrors.call(path, () -> signer.readToken(blob, expiry))));
    }

    /** One flat listing, a thousand names a page, instead of one listing per directory. */
    @Override
    public void walk(String path, WalkVisitor visitor) throws IOException {
        StoragePaths.validate(path);
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(names.directoryPrefix(path));
        long[] seen = {0};
        Iterable<FileInfo> files = () -> StreamSupport.stream(container.listBlobs(options, null).spliterator(), false)
                .peek(item -> seen[0]++)
                .map(this::fileInfo)
                .iterator();
        try {
            FlatListingWalk.walk(path, files, visitor);
        } catch (BlobStorageException e) {
            throw AzureErrors.translate(e, path);
        }
        if (seen[0] == 0 && !path.equals("/")) {
            throw new PathNotFoundException(NAME, path);
        }
    }

    private FileInfo fileInfo(BlobItem item) {
        Long size = item.getProperties().getContentLength();
        return FileInfo.file(names.path(item.getName()), size == null ? 0 : size,
                item.getProperties().getLastModified() == null ? Instant.EPOCH
                        : item.getProperties().getLastModified().toInstant());
    }

    @Override
    public String toString() {
        return "AzureDriver[" + settings + ", clock=" + clock + "]";
    }

    private BlobClient blob(String path) {
        return container.getBlobClient(names.name(path));
    }
}
