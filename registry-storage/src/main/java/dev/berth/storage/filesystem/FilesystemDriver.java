package dev.berth.storage.filesystem;

import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.InvalidOffsetException;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.driver.StorageWriter;
import dev.berth.storage.driver.WalkVisitor;
import dev.berth.storage.internal.DaemonThreads;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * The {@code filesystem} driver: driver paths are files under a root directory, so the root
 * holds distribution's tree ({@code <root>/docker/registry/v2/...}) and either program can
 * serve it.
 *
 * <p>Small files are replaced atomically (a temporary file in the same directory, synced, then
 * renamed over the target); writers append to the file itself, so an upload resumes from what
 * is on disk, and {@link StorageWriter#commit()} syncs it. At most {@code maxThreads} driver
 * calls block on the filesystem at once, as distribution's {@code maxthreads} bounds them.
 * Temporary files carry a name no driver path can have, so listings never show them.
 */
public final class FilesystemDriver implements StorageDriver {

    /** distribution's default {@code rootdirectory}. */
    public static final Path DEFAULT_ROOT = Path.of("/var/lib/registry");
    /** distribution's default {@code maxthreads}. */
    public static final int DEFAULT_MAX_THREADS = 100;

    static final String NAME = "filesystem";
    private static final String TEMP_PREFIX = "~berth-";

    private final Path root;
    private final Semaphore permits;
    /** Where writers sync large files on the way (see {@link FileWriter}). */
    private final ExecutorService syncs = DaemonThreads.asNeeded("berth-fs-sync");

    public FilesystemDriver(Path root) {
        this(root, DEFAULT_MAX_THREADS);
    }

    public FilesystemDriver(Path root, int maxThreads) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be positive: " + maxThreads);
        }
        this.root = root.toAbsolutePath().normalize();
        this.permits = new Semaphore(maxThreads);
    }

    public Path root() {
        return root;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        Path file = file(path);
        return regulated(() -> {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw translate(e, path, Files.isDirectory(file));
            }
        });
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        Path file = file(path);
        regulated(() -> {
            createParent(file);
            Path temp = file.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
            boolean moved = false;
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(false);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            } finally {
                if (!moved) {
                    Files.deleteIfExists(temp);
                }
            }
            return null;
        });
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        Path file = file(path);
        return regulated(() -> {
            BasicFileAttributes attributes = attributes(file, path);
            if (attributes.isDirectory()) {
                throw new PathNotFoundException(NAME, path);
            }
            if (offset < 0 || offset > attributes.size()) {
                throw new InvalidOffsetException(NAME, path, offset);
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw translate(e, path, false);
            }
            try {
                channel.position(offset);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new FileInput(channel);
        });
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        Path file = file(path);
        return regulated(() -> {
            createParent(file);
            FileChannel channel = append
                    ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
            try {
                channel.position(channel.size());
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new FileWriter(file, channel, syncs);
        });
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        Path file = file(path);
        return regulated(() -> {
            BasicFileAttributes attributes = attributes(file, path);
            return attributes.isDirectory()
                    ? FileInfo.directory(path, attributes.lastModifiedTime().toInstant())
                    : FileInfo.file(path, attributes.size(), attributes.lastModifiedTime().toInstant());
        });
    }

    /**
     * Names straight from {@code readdir} ({@link File#list()}): the collector lists hundreds of
     * thousands of entries, and a {@link Path} per entry costs more than the system call. Only
     * when that fails is the directory opened again through NIO, for the exception that says why.
     */
    @Override
    public List<String> list(String path) throws IOException {
        Path directory = file(path);
        return regulated(() -> {
            String[] names = directory.toFile().list();
            if (names == null) {
                // Absent is the common failure (a repository without sha512 links, say): one
                // exception for it, not the three that NIO's failure and its translation make.
                if (!Files.exists(directory)) {
                    if (path.equals("/")) {
                        return List.of();
                    }
                    throw new PathNotFoundException(NAME, path);
                }
                names = namesOrFailure(directory, path);
            }
            List<String> children = new ArrayList<>(names.length);
            String prefix = path.equals("/") ? "/" : path + "/";
            for (String name : names) {
                // Skips our temporary files and whatever else no driver path could name.
                if (StoragePaths.isComponent(name)) {
                    children.add(prefix.concat(name));
                }
            }
            return children;
        });
    }

    /** The listing again, through NIO, which tells a missing directory from a failing one. */
    private static String[] namesOrFailure(Path directory, String path) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (IOException e) {
            throw translate(e, path, false);
        }
        return names.toArray(String[]::new);
    }

    /**
     * One {@link Files#walkFileTree} instead of a list and a stat per entry through the driver:
     * the file attributes come with each entry, and the catalog walks every repository
     * directory. Entries no driver path could name (our temporary files) are passed over, and
     * one deleted while walking is simply not there. The walk is one thread and takes no
     * {@code maxThreads} permit while it runs: the visitor may make driver calls of its own.
     */
    @Override
    public void walk(String path, WalkVisitor visitor) throws IOException {
        Path start = file(path);
        boolean directory = regulated(() -> attributes(start, path).isDirectory());
        if (!directory) {
            // What listing a file gives, as the portable walk would.
            regulated(() -> namesOrFailure(start, path));
        }
        // Following links, as the listing and stat of the portable walk do.
        Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new FileTreeWalk(start, path, visitor));
    }

    @Override
    public void move(String sourcePath, String destPath) throws IOException {
        Path source = file(sourcePath);
        Path dest = file(destPath);
        regulated(() -> {
            if (!Files.exists(source)) {
                throw new PathNotFoundException(NAME, sourcePath);
            }
            createParent(dest);
            try {
                // rename(2): atomic, and it replaces the destination.
                Files.move(source, dest, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                throw new PathNotFoundException(NAME, sourcePath);
            }
            return null;
        });
    }

    @Override
    public void delete(String path) throws IOException {
        Path target = file(path);
        regulated(() -> {
            if (!Files.exists(target)) {
                throw new PathNotFoundException(NAME, path);
            }
            Files.walkFileTree(target, new Deleter());
            return null;
        });
    }

    @Override
    public String toString() {
        return NAME + "(" + root + ")";
    }

    private Path file(String path) {
        StoragePaths.validate(path);
        return path.equals("/") ? root : root.resolve(path.substring(1));
    }

    private static BasicFileAttributes attributes(Path file, String path) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw translate(e, path, false);
        }
    }

    /** Writers still open sync in their own thread from now on; syncs under way finish. */
    @Override
    public void close() {
        syncs.shutdown();
    }

    /** A missing file, a file where a directory should be, or a directory where a file should be: all "not found". */
    private static IOException translate(IOException e, String path, boolean isDirectory) {
        boolean notADirectory = e instanceof FileSystemException fse && "Not a directory".equals(fse.getReason());
        if (isDirectory || notADirectory || e instanceof NoSuchFileException) {
            PathNotFoundException notFound = new PathNotFoundException(NAME, path);
            notFound.initCause(e);
            return notFound;
        }
        return e;
    }

    private <T> T regulated(IoCall<T> call) throws IOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a filesystem thread");
        }
        try {
            return call.run();
        } finally {
            permits.release();
        }
    }

    /**
     * Creates the directories above {@code file} that are missing. Looks first: most already
     * exist, and {@link Files#createDirectories} finds that out by failing to create the last
     * one, two exceptions with their stack traces for every blob and link written.
     */
    private static void createParent(Path file) throws IOException {
        Path parent = file.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }

    /** Deletes a tree, tolerating entries that a concurrent delete removed first. */
    private static final class Deleter extends VanishingTolerantVisitor {

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
            rethrowUnlessVanished(e);
            Files.deleteIfExists(directory);
            return FileVisitResult.CONTINUE;
        }
    }
}
