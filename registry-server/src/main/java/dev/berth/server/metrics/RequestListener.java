package dev.berth.server.metrics;

/** Told of every request once it has ended (its response body written, or failed). */
@FunctionalInterface
public interface RequestListener {

    void completed(CompletedRequest request);
}
