package dev.berth.storage.s3;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Holds every HTTP attempt (retries included, which is when S3 is already pushing back) until
 * the rate limiter lets it go. Sits in the SDK rather than around the driver because one driver
 * call can be hundreds of S3 requests: a 1 GiB write is a hundred part uploads.
 */
final class RateLimitInterceptor implements ExecutionInterceptor {

    private final RequestRateLimiter limiter;

    RateLimitInterceptor(RequestRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.create("interrupted while waiting for the S3 request rate limit", e);
        }
    }
}
