package dev.berth.storage.filesystem;

import dev.berth.storage.driver.DriverParameters;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverFactory;
import java.nio.file.Path;

/** Makes the {@code filesystem} driver from {@code rootdirectory} and {@code maxthreads}. */
public final class FilesystemDriverFactory implements StorageDriverFactory {

    /** distribution refuses fewer: each blocking operation may hold a thread. */
    private static final int MIN_THREADS = 25;

    @Override
    public String name() {
        return FilesystemDriver.NAME;
    }

    @Override
    public StorageDriver create(DriverParameters parameters) {
        Path root = Path.of(parameters.string("rootdirectory", FilesystemDriver.DEFAULT_ROOT.toString()));
        long maxThreads = parameters.number("maxthreads", FilesystemDriver.DEFAULT_MAX_THREADS);
        if (maxThreads < MIN_THREADS || maxThreads > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("storage.filesystem.maxthreads must be at least "
                    + MIN_THREADS + ", not " + maxThreads);
        }
        return new FilesystemDriver(root, (int) maxThreads);
    }
}
