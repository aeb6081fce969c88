package dev.berth.gc.internal;

import dev.berth.gc.GcListener;
import dev.berth.gc.GcProgress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the items of one phase and tells the listener every so often, from any thread. */
public final class Progress {

    private static final long EVERY = 500;

    private final GcListener listener;
    private final GcProgress.Phase phase;
    private final long startNanos;
    private final long total;
    private final AtomicLong done = new AtomicLong();

    public Progress(GcListener listener, GcProgress.Phase phase, long startNanos, long total) {
        this.listener = listener;
        this.phase = phase;
        this.startNanos = startNanos;
        this.total = total;
    }

    public void step() {
        long now = done.incrementAndGet();
        if (now % EVERY == 0 && now != total) {
            report(now);
        }
    }

    /** Reports the final count of the phase, once, from the thread that waited for it. */
    public void finish() {
        report(done.get());
    }

    private void report(long count) {
        listener.progress(new GcProgress(phase, count, total, Duration.ofNanos(System.nanoTime() - startNanos)));
    }
}
