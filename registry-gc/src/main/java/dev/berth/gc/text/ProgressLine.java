package dev.berth.gc.text;

import dev.berth.gc.GcListener;
import dev.berth.gc.GcProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * A one-line progress display for a terminal: phase, counts, rate and elapsed time, redrawn in
 * place with a carriage return, at most a few times a second. Only for a terminal; the CLI
 * uses it when stderr is one.
 */
public final class ProgressLine implements GcListener {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private long lastDraw;

    public ProgressLine(PrintStream err) {
        this.err = Objects.requireNonNull(err, "err");
    }

    @Override
    public synchronized void progress(GcProgress progress) {
        long now = System.nanoTime();
        boolean phaseDone = progress.total() > 0 && progress.done() >= progress.total();
        if (!phaseDone && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        long seconds = progress.elapsed().toSeconds();
        err.print(String.format(Locale.ROOT, "\r%-15s %,d%s  %,.0f/s  %d:%02d   ",
                progress.phase().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                progress.done(), progress.total() > 0 ? String.format(Locale.ROOT, "/%,d", progress.total()) : "",
                progress.rate(), seconds / 60, seconds % 60));
        err.flush();
    }

    /** Clears the line, before the summary is printed. */
    public synchronized void clear() {
        err.print("\r" + " ".repeat(60) + "\r");
        err.flush();
    }
}
