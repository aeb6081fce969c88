package dev.berth.benchmarks;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.Registry;
import dev.berth.api.store.Repository;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.filesystem.FilesystemDriver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A blob upload through {@link StorageRegistry} onto the filesystem driver (start, one append,
 * commit with digest: staged, hashed, synced, moved, linked) against plain
 * {@link MessageDigest} over the same bytes read the same way. The goal is store time at most
 * 1.3 times hash-only time; {@code storeSequential} is the store with hashing and writing on one
 * thread, to show what overlapping them buys.
 *
 * <p>The directory is {@code -Dberth.bench.dir} (default: the system temporary directory); on
 * tmpfs ({@code /dev/shm}) the sync at commit costs nothing and the figure is the CPU cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BlobWriteBenchmark {

    private static final RepositoryName NAME = RepositoryName.parse("bench/blob");

    @Param("67108864")
    public int size;

    private byte[] content;
    private Digest digest;
    private Path root;
    private Registry overlapped;
    private Registry sequential;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        content = new byte[size];
        new Random(42).nextBytes(content);
        digest = Digest.sha256(content);
        Path parent = Path.of(System.getProperty("berth.bench.dir", System.getProperty("java.io.tmpdir")));
        root = Files.createTempDirectory(parent, "berth-bench");
        FilesystemDriver driver = new FilesystemDriver(root);
        overlapped = StorageRegistry.builder(driver).build();
        sequential = StorageRegistry.builder(driver)
                .writeExecutor(task -> {
                    throw new RejectedExecutionException("hash and write on one thread");
                })
                .build();
    }

    /** Each invocation writes the blob anew rather than finding it stored. */
    @TearDown(Level.Invocation)
    public void deleteBlob() {
        if (overlapped.blobs().stat(digest).isPresent()) {
            overlapped.blobs().delete(digest);
        }
    }

    @TearDown(Level.Trial)
    public void deleteRoot() throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Benchmark
    public byte[] hashOnly() throws IOException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = new ByteArrayInputStream(content)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                sha256.update(buffer, 0, n);
            }
        }
        return sha256.digest();
    }

    @Benchmark
    public Descriptor store() {
        return push(overlapped);
    }

    @Benchmark
    public Descriptor storeSequential() {
        return push(sequential);
    }

    private Descriptor push(Registry registry) {
        Repository repository = registry.repository(NAME);
        BlobUpload upload = repository.uploads().start();
        upload.append(new ByteArrayInputStream(content), 0);
        return upload.commit(digest, OptionalLong.of(size));
    }
}
