package dev.berth.storage.azure;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import dev.berth.storage.driver.PathNotFoundException;
import java.io.IOException;
import java.util.function.Supplier;

/** Turns the SDK's unchecked exceptions into the driver's checked ones, once, at the driver boundary. */
final class AzureErrors {

    private AzureErrors() {
    }

    /** One SDK call whose failure is translated for {@code path}. */
    static <T> T call(String path, Supplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (BlobStorageException e) {
            throw translate(e, path);
        }
    }

    static void run(String path, Runnable call) throws IOException {
        call(path, () -> {
            call.run();
            return null;
        });
    }

    static boolean isNotFound(BlobStorageException e) {
        // A missing container is a configuration error, not an empty registry: it stays an IOException.
        return e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode());
    }

    /** An existing blob of another type (an append blob written by distribution's writer). */
    static boolean isWrongBlobType(BlobStorageException e) {
        return BlobErrorCode.INVALID_BLOB_TYPE.equals(e.getErrorCode());
    }

    static IOException translate(BlobStorageException e, String path) {
        if (isNotFound(e)) {
            PathNotFoundException notFound = new PathNotFoundException(AzureDriver.NAME, path);
            notFound.initCause(e);
            return notFound;
        }
        return new IOException(AzureDriver.NAME + ": " + path + ": " + e.getStatusCode() + " "
                + e.getErrorCode() + ": " + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
