package dev.berth.storage.gcs;

import com.google.cloud.storage.StorageException;
import dev.berth.storage.driver.PathNotFoundException;
import java.io.IOException;
import java.util.function.Supplier;

/** Translates the SDK's unchecked exceptions, once, at the driver boundary. */
final class GcsErrors {

    private GcsErrors() {
    }

    static <T> T call(String path, Supplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (StorageException e) {
            throw translate(e, path);
        }
    }

    static IOException translate(StorageException e, String path) {
        if (e.getCode() == 404) {
            PathNotFoundException notFound = new PathNotFoundException(GcsDriver.NAME, path);
            notFound.initCause(e);
            return notFound;
        }
        return new IOException(GcsDriver.NAME + ": " + path + ": " + e.getCode() + " " + e.getMessage(), e);
    }
}
