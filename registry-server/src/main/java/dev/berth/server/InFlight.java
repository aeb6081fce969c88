package dev.berth.server;

/** Counts requests being served, so that a stop can turn new ones away and wait for the rest. */
final class InFlight {

    private int count;
    private boolean closed;

    /** Counts a request in; false once closing, when the request should be turned away. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        count++;
        return true;
    }

    synchronized void close() {
        closed = true;
    }

    synchronized void exit() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    /** Waits until no request is in flight or {@code timeoutMillis} pass; true when none is. */
    synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (count > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
