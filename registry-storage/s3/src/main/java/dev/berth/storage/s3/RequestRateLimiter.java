package dev.berth.storage.s3;

/**
 * A token bucket: on average at most {@code permitsPerSecond} acquisitions a second, with bursts
 * of up to one second's worth after idle time. Callers that find the bucket empty take a permit
 * on credit and sleep until it would have been there, so waiting callers are served in the
 * order they arrived. This is the client-side ceiling GitLab advises against S3's 503
 * "Slow Down" answers ({@code maxrequestspersecond}).
 */
final class RequestRateLimiter {

    /** The time source and the sleep, apart so tests can run the bucket on a fake clock. */
    interface Ticker {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    static final Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    private final double permitsPerNano;
    private final double burst;
    private final Ticker ticker;
    private double stored;
    private long lastRefill;

    RequestRateLimiter(double permitsPerSecond, Ticker ticker) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("permits per second must be positive, not " + permitsPerSecond);
        }
        this.permitsPerNano = permitsPerSecond / 1e9;
        this.burst = Math.max(1, permitsPerSecond);
        this.ticker = ticker;
        this.lastRefill = ticker.nanoTime();
        this.stored = 1;
    }

    /** Takes one permit, sleeping until it is due. */
    void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            ticker.sleepNanos(wait);
        }
    }

    /** Takes one permit (perhaps on credit) and says how long to wait for it. */
    synchronized long reserve() {
        long now = ticker.nanoTime();
        stored = Math.min(burst, stored + (now - lastRefill) * permitsPerNano);
        lastRefill = now;
        stored -= 1;
        return stored >= 0 ? 0 : (long) Math.ceil(-stored / permitsPerNano);
    }
}
