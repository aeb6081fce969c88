package dev.berth.storage;

import dev.berth.api.RepositoryName;
import dev.berth.api.manifest.ManifestParser;
import dev.berth.api.store.BlobStore;
import dev.berth.api.store.Catalog;
import dev.berth.api.store.Registry;
import dev.berth.api.store.Repository;
import dev.berth.storage.driver.PathValidatingDriver;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.internal.Catalogue;
import dev.berth.storage.internal.DaemonThreads;
import dev.berth.storage.internal.GlobalBlobs;
import dev.berth.storage.internal.HashingCopier;
import dev.berth.storage.internal.Locks;
import dev.berth.storage.internal.Storage;
import dev.berth.storage.internal.Store;
import dev.berth.storage.internal.StorageRepository;
import dev.berth.storage.internal.UploadHashes;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The registry on any {@link StorageDriver}, on distribution's layout (see
 * {@link dev.berth.storage.layout.Layout}): storage written here is served by distribution 2.8
 * and the other way round. Thread-safe; repositories are cheap views made on demand.
 *
 * <pre>{@code
 * Registry registry = StorageRegistry.builder(new FilesystemDriver(Path.of("/var/lib/registry")))
 *         .schema1Enabled(false)
 *         .build();
 * }</pre>
 *
 * <p>Every storage failure surfaces as a {@link dev.berth.api.RegistryException}: a missing
 * path as the matching {@code *_UNKNOWN} code, anything else as {@code UNAVAILABLE} with the
 * driver's exception as the cause.
 */
public final class StorageRegistry implements Registry {

    private final Store store;
    private final GlobalBlobs blobs;
    private final Catalogue catalog;

    private StorageRegistry(Builder builder) {
        Storage storage = new Storage(PathValidatingDriver.wrap(builder.driver));
        Executor executor = builder.executor != null ? builder.executor : DaemonThreads.asNeeded("berth-blob-writer");
        this.store = new Store(storage, builder.clock, ManifestParser.standard().withSchema1(builder.schema1),
                builder.foreignUrls, new HashingCopier(executor, builder.bufferSize, builder.buffers),
                new UploadHashes(builder.uploadHashCapacity), new Locks(), new Locks());
        this.blobs = new GlobalBlobs(storage);
        this.catalog = new Catalogue(storage);
    }

    public static Builder builder(StorageDriver driver) {
        return new Builder(driver);
    }

    @Override
    public Repository repository(RepositoryName name) {
        return new StorageRepository(store, Objects.requireNonNull(name, "name"), blobs);
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    /** Settings of a {@link StorageRegistry}; only the driver is required. */
    public static final class Builder {

        private final StorageDriver driver;
        private boolean schema1;
        private ForeignUrlPolicy foreignUrls = ForeignUrlPolicy.none();
        private Clock clock = Clock.systemUTC();
        private Executor executor;
        // 256 KiB per copy: 32 concurrent pushes hold 8 MiB. With 256 KiB buffers they held
        // 32 MiB, half of a 64 MiB heap, and the collector took a tenth of the push CPU; the
        // hash and the write cost the same per byte at either size.
        private int bufferSize = 64 * 1024;
        private int buffers = 4;
        private int uploadHashCapacity = 4096;

        private Builder(StorageDriver driver) {
            this.driver = Objects.requireNonNull(driver, "driver");
        }

        /** Accept Docker schema 1 manifests ({@code compatibility.schema1.enabled}); off by default. */
        public Builder schema1Enabled(boolean enabled) {
            this.schema1 = enabled;
            return this;
        }

        /** Which foreign layers a manifest may reference without the registry holding them. */
        public Builder validateForeignUrls(ForeignUrlPolicy policy) {
            this.foreignUrls = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The clock for {@code startedat}; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Runs the storage side of blob writes, so hashing and writing overlap; by default,
         * daemon threads made as needed that end after 30 idle seconds.
         */
        public Builder writeExecutor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Buffers between hashing and writing, per blob copy: {@code count × size} bytes at most. */
        public Builder copyBuffers(int count, int size) {
            if (count < 2 || size < 1024) {
                throw new IllegalArgumentException("need at least 2 buffers of at least 1 KiB");
            }
            this.buffers = count;
            this.bufferSize = size;
            return this;
        }

        /** How many uploads' running hashes to keep in memory between chunks (least recently used go). */
        public Builder uploadHashCapacity(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("negative capacity " + capacity);
            }
            this.uploadHashCapacity = capacity;
            return this;
        }

        public StorageRegistry build() {
            return new StorageRegistry(this);
        }
    }
}
