package dev.berth.storage.s3;

import dev.berth.storage.driver.PathNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** SDK exceptions turned into the driver's IOExceptions, once, where the S3 call is made. */
final class S3Errors {

    static final String DRIVER = "s3";

    private S3Errors() {
    }

    /** An S3 call; the SDK throws unchecked exceptions. */
    @FunctionalInterface
    interface Call<T> {
        T run();
    }

    static <T> T call(String path, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw translate(path, e);
        }
    }

    static IOException translate(String path, SdkException e) {
        if (isNotFound(e)) {
            PathNotFoundException notFound = new PathNotFoundException(DRIVER, path);
            notFound.initCause(e);
            return notFound;
        }
        if (e instanceof AbortedException) {
            InterruptedIOException interrupted = new InterruptedIOException(DRIVER + ": interrupted: " + path);
            interrupted.initCause(e);
            return interrupted;
        }
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : " " + s3.awsErrorDetails().errorCode();
            return new IOException(DRIVER + ": " + path + ": HTTP " + s3.statusCode() + code
                    + " (request " + s3.requestId() + ")", e);
        }
        return new IOException(DRIVER + ": " + path + ": " + e.getMessage(), e);
    }

    /** A missing key; a missing bucket is a configuration error, not a missing path. */
    static boolean isNotFound(SdkException e) {
        if (!(e instanceof S3Exception s3) || s3.statusCode() != 404) {
            return false;
        }
        String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
        return code == null || !code.equals("NoSuchBucket");
    }

    static boolean isInvalidRange(SdkException e) {
        return e instanceof S3Exception s3 && s3.statusCode() == 416;
    }
}
