package dev.berth.storage.s3;

import java.time.Duration;

/** A clock that only moves when someone sleeps on it. */
final class FakeTicker implements RequestRateLimiter.Ticker {

    private long now;
    private long slept;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepNanos(long nanos) {
        now += nanos;
        slept += nanos;
    }

    synchronized void advance(Duration duration) {
        now += duration.toNanos();
    }

    synchronized Duration slept() {
        return Duration.ofNanos(slept);
    }
}
