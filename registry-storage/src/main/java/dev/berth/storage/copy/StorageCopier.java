package dev.berth.storage.copy;

import dev.berth.api.Digest;
import dev.berth.api.Digester;
import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.driver.StorageWriter;
import dev.berth.storage.driver.WalkVisitor;
import dev.berth.storage.internal.DaemonThreads;
import dev.berth.storage.layout.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Copies registry data from one driver to another: filesystem to S3, one bucket to another,
 * anything to anything. It is GitLab's "migrate to object storage without downtime" as one
 * tool: run it while the registry serves reads and writes for the bulk, then again in
 * read-only mode, with {@link Builder#deleteExtraneous}, for the final sync; the report's
 * counts are the check before switching.
 *
 * <ul>
 *   <li>Parallel: files are copied on {@link Builder#parallelism} threads while the source is
 *       walked; memory stays bounded (one buffer per thread; the set of source paths only
 *       with {@code deleteExtraneous}).</li>
 *   <li>Resumable: a file already at the destination with the same content is skipped. Blobs
 *       are content-addressed, so the same size is the same content; small files (links,
 *       which change when a tag moves) are compared byte for byte.</li>
 *   <li>Verified: a blob's bytes are digested on the way and committed at the destination only
 *       when they match the digest in its path.</li>
 *   <li>{@code _uploads} are neither copied, deleted nor counted: uploads in progress do not
 *       move between storages; clients restart them.</li>
 * </ul>
 */
public final class StorageCopier {

    private static final String UPLOADS = "_uploads";
    private static final int BUFFER_BYTES = 1 << 20;
    /** Files up to this size that are not blobs are compared by content; larger ones by size and age. */
    private static final long COMPARED_BY_CONTENT = 1 << 20;

    private final StorageDriver source;
    private final StorageDriver destination;
    private final String root;
    private final int parallelism;
    private final boolean dryRun;
    private final boolean deleteExtraneous;
    private final CopyListener listener;
    private final ExecutorService executor;

    private StorageCopier(Builder builder) {
        this.source = builder.source;
        this.destination = builder.destination;
        this.root = builder.root;
        this.parallelism = builder.parallelism;
        this.dryRun = builder.dryRun;
        this.deleteExtraneous = builder.deleteExtraneous;
        this.listener = builder.listener;
        this.executor = builder.executor;
    }

    public static Builder builder(StorageDriver source, StorageDriver destination) {
        return new Builder(source, destination);
    }

    /** Copies; failures of single files are in the report, not thrown. */
    public CopyReport run() throws IOException {
        ExecutorService pool = executor != null ? executor
                : Executors.newFixedThreadPool(parallelism, DaemonThreads.named("berth-storage-copy"));
        try {
            return new CopyRun(this, pool).execute();
        } finally {
            if (executor == null) {
                pool.shutdownNow();
            }
        }
    }

    StorageDriver source() {
        return source;
    }

    StorageDriver destination() {
        return destination;
    }

    int parallelism() {
        return parallelism;
    }

    boolean dryRun() {
        return dryRun;
    }

    boolean deleteExtraneous() {
        return deleteExtraneous;
    }

    CopyListener listener() {
        return listener;
    }

    /** Visits every file below the root but those in {@code _uploads}; nothing when the root is missing. */
    void files(StorageDriver driver, FileVisitor visitor) throws IOException {
        try {
            driver.walk(root, entry -> {
                if (entry.isDirectory()) {
                    return StoragePaths.baseName(entry.path()).equals(UPLOADS)
                            ? WalkVisitor.Decision.SKIP_DIRECTORY : WalkVisitor.Decision.CONTINUE;
                }
                visitor.visit(entry);
                return WalkVisitor.Decision.CONTINUE;
            });
        } catch (PathNotFoundException empty) {
            // An empty store has no root directory: no files.
        }
    }

    /** Receives the files of a walk. */
    @FunctionalInterface
    interface FileVisitor {
        void visit(FileInfo file) throws IOException;
    }

    /** Whether the destination already holds the source file's content. */
    boolean sameContent(FileInfo sourceFile, FileInfo destinationFile) throws IOException {
        if (destinationFile.isDirectory() || sourceFile.size() != destinationFile.size()) {
            return false;
        }
        String path = sourceFile.path();
        if (blobDigest(path).isPresent()) {
            return true;
        }
        if (sourceFile.size() <= COMPARED_BY_CONTENT) {
            return Arrays.equals(source.getContent(path), destination.getContent(path));
        }
        return !destinationFile.modifiedAt().isBefore(sourceFile.modifiedAt());
    }

    /** Streams one file across; a blob is committed only if its bytes match its digest. */
    void copy(String path) throws IOException {
        Optional<Digest> expected = blobDigest(path);
        Digester digester = expected.map(digest -> Digester.create(digest.algorithm())).orElse(null);
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = source.reader(path, 0); StorageWriter out = destination.writer(path, false)) {
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                out.write(buffer, 0, n);
                if (digester != null) {
                    digester.update(buffer, 0, n);
                }
            }
            if (digester != null && !digester.digest().equals(expected.get())) {
                out.cancel();
                throw new IOException("blob content does not match its digest " + expected.get() + " (it hashes to "
                        + digester.digest() + "); not copied");
            }
            out.commit();
        }
    }

    /** The digest a blob's data path names, or empty for every other path. */
    static Optional<Digest> blobDigest(String path) {
        String prefix = Layout.blobs() + "/";
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = path.substring(prefix.length()).split("/");
        if (parts.length != 4 || !Digest.isValid(parts[0] + ":" + parts[2])) {
            return Optional.empty();
        }
        Digest digest = Digest.parse(parts[0] + ":" + parts[2]);
        return Layout.blobData(digest).equals(path) ? Optional.of(digest) : Optional.empty();
    }

    /** A copy from {@code source} to {@code destination}: of everything, on 8 threads, by default. */
    public static final class Builder {
        private final StorageDriver source;
        private final StorageDriver destination;
        private String root = "/";
        private int parallelism = 8;
        private boolean dryRun;
        private boolean deleteExtraneous;
        private CopyListener listener = CopyListener.NONE;
        private ExecutorService executor;

        private Builder(StorageDriver source, StorageDriver destination) {
            this.source = Objects.requireNonNull(source, "source");
            this.destination = Objects.requireNonNull(destination, "destination");
        }

        /** Copies only below this path (default {@code /}: everything, the {@code docker/} tree included). */
        public Builder root(String root) {
            this.root = StoragePaths.validate(root);
            return this;
        }

        /** Files copied at once (default 8). */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1 || parallelism > 1024) {
                throw new IllegalArgumentException("parallelism must be between 1 and 1024, not " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** Reports what would be copied and deleted, and writes nothing. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Also deletes destination files the source does not have, as {@code aws s3 sync --delete}. */
        public Builder deleteExtraneous(boolean deleteExtraneous) {
            this.deleteExtraneous = deleteExtraneous;
            return this;
        }

        public Builder listener(CopyListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Runs the copies on this executor, which the copier never shuts down; by default, its own threads. */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public StorageCopier build() {
            return new StorageCopier(this);
        }
    }
}
