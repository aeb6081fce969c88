package dev.berth.storage.copy;

import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.PathNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Phaser;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/** One run of a {@link StorageCopier}: the walk feeding a bounded number of copies in flight. */
final class CopyRun {

    private final StorageCopier copier;
    private final Executor executor;
    private final Semaphore inFlight;
    private final Phaser pending = new Phaser(1);
    private final AtomicLong sourceFiles = new AtomicLong();
    private final AtomicLong copiedFiles = new AtomicLong();
    private final AtomicLong copiedBytes = new AtomicLong();
    private final AtomicLong skippedFiles = new AtomicLong();
    private final AtomicLong deletedFiles = new AtomicLong();
    private final Queue<CopyReport.Failure> failures = new ConcurrentLinkedQueue<>();

    CopyRun(StorageCopier copier, Executor executor) {
        this.copier = copier;
        this.executor = executor;
        // Enough queued work to keep every thread busy while the walk fetches the next page.
        this.inFlight = new Semaphore(copier.parallelism() * 2);
    }

    CopyReport execute() throws IOException {
        Set<String> sourcePaths = copier.deleteExtraneous() ? ConcurrentHashMap.newKeySet() : null;
        copier.files(copier.source(), file -> {
            sourceFiles.incrementAndGet();
            if (sourcePaths != null) {
                sourcePaths.add(file.path());
            }
            submit(file.path(), () -> copyOne(file));
        });
        awaitAll();
        if (sourcePaths != null) {
            List<String> extraneous = new ArrayList<>();
            copier.files(copier.destination(), file -> {
                if (!sourcePaths.contains(file.path())) {
                    extraneous.add(file.path());
                }
            });
            for (String path : extraneous) {
                submit(path, () -> deleteOne(path));
            }
            awaitAll();
        }
        AtomicLong destinationFiles = new AtomicLong();
        copier.files(copier.destination(), file -> destinationFiles.incrementAndGet());
        return new CopyReport(copier.dryRun(), sourceFiles.get(), copiedFiles.get(), copiedBytes.get(),
                skippedFiles.get(), deletedFiles.get(), destinationFiles.get(), new ArrayList<>(failures));
    }

    private void copyOne(FileInfo file) throws IOException {
        String path = file.path();
        Optional<FileInfo> existing = stat(path);
        if (existing.isPresent() && copier.sameContent(file, existing.get())) {
            skippedFiles.incrementAndGet();
            copier.listener().skipped(path, file.size());
            return;
        }
        if (!copier.dryRun()) {
            copier.copy(path);
        }
        copiedFiles.incrementAndGet();
        copiedBytes.addAndGet(file.size());
        copier.listener().copied(path, file.size());
    }

    private void deleteOne(String path) throws IOException {
        if (!copier.dryRun()) {
            try {
                copier.destination().delete(path);
            } catch (PathNotFoundException alreadyGone) {
                return;
            }
        }
        deletedFiles.incrementAndGet();
        copier.listener().deleted(path);
    }

    private Optional<FileInfo> stat(String path) throws IOException {
        try {
            return Optional.of(copier.destination().stat(path));
        } catch (PathNotFoundException missing) {
            return Optional.empty();
        }
    }

    /** One file's work. */
    @FunctionalInterface
    private interface Task {
        void run() throws IOException;
    }

    /** Runs the task on the executor once fewer than the bound are in flight; failures are recorded. */
    private void submit(String path, Task task) throws IOException {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying storage");
        }
        pending.register();
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (IOException | RuntimeException e) {
                    failures.add(new CopyReport.Failure(path, String.valueOf(e.getMessage())));
                    copier.listener().failed(path, e);
                } finally {
                    inFlight.release();
                    pending.arriveAndDeregister();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.release();
            pending.arriveAndDeregister();
            throw new IOException("the copy executor refused work", e);
        }
    }

    private void awaitAll() throws InterruptedIOException {
        int phase = pending.arrive();
        try {
            pending.awaitAdvanceInterruptibly(phase);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying storage");
        }
    }
}
