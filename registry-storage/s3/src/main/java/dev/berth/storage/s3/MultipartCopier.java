package dev.berth.storage.s3;

import static dev.berth.storage.s3.S3Errors.call;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server-side copies: one CopyObject up to the threshold, a multipart upload of parallel
 * UploadPartCopy requests above it (CopyObject stops at 5 GiB, and parallel part copies move a
 * large layer many times faster). No byte passes through this process.
 */
final class MultipartCopier {

    private static final int MAX_PARTS = 10_000;

    private final Bucket bucket;
    private final ExecutorService executor;

    MultipartCopier(Bucket bucket, ExecutorService executor) {
        this.bucket = bucket;
        this.executor = executor;
    }

    /** Copies the object at {@code sourceKey}, {@code size} bytes long, over {@code destinationKey}. */
    void copy(String path, String sourceKey, String destinationKey, long size) throws IOException {
        S3DriverConfig config = bucket.config;
        if (size <= config.multipartCopyThresholdSize()) {
            call(path, () -> bucket.client.copyObject(bucket.copy(sourceKey, destinationKey).build()));
            return;
        }
        String uploadId = call(path, () -> bucket.client.createMultipartUpload(
                bucket.createUpload(destinationKey).build())).uploadId();
        try {
            long partSize = Math.max(config.multipartCopyChunkSize(), ceilDiv(size, MAX_PARTS));
            List<UploadedPart> parts = copyRanges(path, sourceKey, destinationKey, uploadId, 1, size, partSize);
            bucket.complete(path, destinationKey, uploadId, parts);
        } catch (IOException | RuntimeException e) {
            try {
                bucket.abort(path, destinationKey, uploadId);
            } catch (IOException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    /**
     * Copies the first {@code length} bytes of the source into parts {@code firstPart}, … of an
     * upload, {@code partSize} bytes each but the last, in parallel.
     */
    List<UploadedPart> copyRanges(String path, String sourceKey, String destinationKey, String uploadId,
            int firstPart, long length, long partSize) throws IOException {
        int count = Math.toIntExact(ceilDiv(length, partSize));
        UploadedPart[] parts = new UploadedPart[count];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        int workers = Math.min(count, bucket.config.multipartCopyMaxConcurrency());
        List<Future<Void>> futures = new ArrayList<>(workers);
        for (int worker = 0; worker < workers; worker++) {
            futures.add(executor.submit(() -> {
                for (int index = next.getAndIncrement(); index < count && !failed.get(); index = next.getAndIncrement()) {
                    long start = index * partSize;
                    long end = Math.min(length, start + partSize) - 1;
                    int number = firstPart + index;
                    try {
                        String etag = call(path, () -> bucket.client.uploadPartCopy(request -> request
                                .sourceBucket(bucket.name).sourceKey(sourceKey)
                                .destinationBucket(bucket.name).destinationKey(destinationKey)
                                .uploadId(uploadId).partNumber(number)
                                .copySourceRange("bytes=" + start + "-" + end))).copyPartResult().eTag();
                        parts[index] = new UploadedPart(number, etag, end - start + 1);
                    } catch (IOException | RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                }
                return null;
            }));
        }
        awaitAll(path, futures);
        return Arrays.asList(parts);
    }

    /** Waits for every worker; the first failure is thrown with the others suppressed. */
    private static void awaitAll(String path, List<Future<Void>> futures) throws IOException {
        IOException failure = null;
        for (Future<Void> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                InterruptedIOException interrupted = new InterruptedIOException("s3: interrupted while copying " + path);
                interrupted.initCause(e);
                throw interrupted;
            } catch (ExecutionException e) {
                IOException cause = e.getCause() instanceof IOException io
                        ? io : new IOException("s3: copying " + path + " failed", e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
