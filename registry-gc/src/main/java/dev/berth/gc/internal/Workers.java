package dev.berth.gc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A fixed pool of worker threads for one run, and the one way work is spread over it: map a
 * list in parallel, wait for all of it, and on interruption cancel what is left. Storage calls
 * are the cost of a collection (one HTTP request each on object storage), so they are what runs
 * in parallel; the bookkeeping stays on the calling thread.
 */
public final class Workers implements AutoCloseable {

    private final ExecutorService executor;

    public Workers(int threads, String name) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    /**
     * Applies {@code work} to every item on the pool and returns the results in item order. The
     * first failure cancels the rest and is rethrown as it was thrown; an interruption of the
     * calling thread cancels everything (interrupting the workers) and is rethrown.
     */
    public <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> work) throws InterruptedException {
        List<Future<R>> futures = new ArrayList<>(items.size());
        try {
            for (T item : items) {
                futures.add(executor.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            cancel(futures);
            throw rethrow(e.getCause());
        } catch (CancellationException e) {
            cancel(futures);
            throw new InterruptedException("cancelled");
        } catch (InterruptedException | RuntimeException e) {
            cancel(futures);
            throw e;
        }
    }

    /**
     * Starts {@code work} on the pool and returns at once: for a long sequential storage walk
     * that can overlap other work. Its result, or its failure as {@link #map} would rethrow it,
     * comes from {@link Forked#join()}.
     */
    public <R> Forked<R> fork(Supplier<? extends R> work) {
        return new Forked<>(executor.submit(work::get));
    }

    /** Work started by {@link #fork}. */
    public static final class Forked<R> {

        private final Future<? extends R> future;

        private Forked(Future<? extends R> future) {
            this.future = future;
        }

        /** Waits for the result; an interruption while waiting cancels the work and is rethrown. */
        public R join() throws InterruptedException {
            try {
                return future.get();
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            } catch (CancellationException e) {
                throw new InterruptedException("cancelled");
            } catch (InterruptedException e) {
                cancel();
                throw e;
            }
        }

        /** Stops the work (interrupting it) when it is no longer wanted. */
        public void cancel() {
            future.cancel(true);
        }
    }

    private static void cancel(List<? extends Future<?>> futures) {
        for (Future<?> future : futures) {
            future.cancel(true);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
