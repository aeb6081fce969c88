package dev.berth.storage.gcs;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import dev.berth.storage.driver.DriverParameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code storage.gcs} section of {@code config.yml}, typed.
 *
 * @param bucket the bucket holding the registry (it must exist)
 * @param credentials from {@code keyfile} or {@code credentials}; empty for application default
 *     credentials (or none at all with an {@code endpoint}: emulators take anonymous requests)
 * @param rootDirectory the prefix of every object, empty for the bucket root
 * @param chunkSize bytes per resumable-upload request, a multiple of 256 KiB; the memory each
 *     open writer holds
 * @param endpoint the JSON API's base URL, for emulators; empty for Google's
 */
public record GcsSettings(String bucket, Optional<Credentials> credentials, String rootDirectory, int chunkSize,
        Optional<URI> endpoint) {

    static final int CHUNK_GRANULARITY = 256 << 10;
    static final int DEFAULT_CHUNK_SIZE = 16 << 20;
    private static final int MAX_CHUNK_SIZE = 256 << 20;

    public GcsSettings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(rootDirectory, "rootDirectory");
        Objects.requireNonNull(endpoint, "endpoint");
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("storage.gcs.bucket is required");
        }
        if (chunkSize < CHUNK_GRANULARITY || chunkSize > MAX_CHUNK_SIZE || chunkSize % CHUNK_GRANULARITY != 0) {
            throw new IllegalArgumentException("storage.gcs.chunksize must be a multiple of 256 KiB up to 256 MiB, not "
                    + chunkSize);
        }
    }

    /** Reads distribution's names ({@code bucket}, {@code keyfile}, {@code credentials}, {@code rootdirectory}, {@code chunksize}). */
    public static GcsSettings from(DriverParameters parameters) {
        Optional<Credentials> credentials;
        Optional<String> keyfile = parameters.string("keyfile");
        Optional<String> inline = parameters.string("credentials");
        if (keyfile.isPresent() && inline.isPresent()) {
            throw new IllegalArgumentException("storage.gcs: set keyfile or credentials, not both");
        }
        if (keyfile.isPresent()) {
            try (InputStream in = Files.newInputStream(Path.of(keyfile.get()))) {
                credentials = Optional.of(GoogleCredentials.fromStream(in));
            } catch (IOException e) {
                throw new IllegalArgumentException("storage.gcs.keyfile " + keyfile.get() + " is not readable "
                        + "service-account JSON: " + e.getMessage(), e);
            }
        } else if (inline.isPresent()) {
            // config.yml gives the credentials mapping as JSON text; its content is never echoed.
            try {
                credentials = Optional.of(GoogleCredentials.fromStream(
                        new ByteArrayInputStream(inline.get().getBytes(StandardCharsets.UTF_8))));
            } catch (IOException e) {
                throw new IllegalArgumentException("storage.gcs.credentials is not a service-account key", e);
            }
        } else {
            credentials = Optional.empty();
        }
        long chunkSize = parameters.bytes("chunksize", DEFAULT_CHUNK_SIZE);
        return new GcsSettings(parameters.required("bucket"), credentials, parameters.string("rootdirectory", ""),
                (int) Math.min(chunkSize, Integer.MAX_VALUE), parameters.string("endpoint").map(URI::create));
    }

    /** Settings for an emulator: anonymous requests to {@code endpoint}. */
    public static GcsSettings emulator(URI endpoint, String bucket) {
        return new GcsSettings(bucket, Optional.empty(), "", DEFAULT_CHUNK_SIZE, Optional.of(endpoint));
    }

    public GcsSettings withRootDirectory(String root) {
        return new GcsSettings(bucket, credentials, root, chunkSize, endpoint);
    }

    public GcsSettings withChunkSize(int size) {
        return new GcsSettings(bucket, credentials, rootDirectory, size, endpoint);
    }

    public GcsSettings withCredentials(Credentials value) {
        return new GcsSettings(bucket, Optional.of(value), rootDirectory, chunkSize, endpoint);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "GcsSettings[bucket=" + bucket + ", rootDirectory=" + rootDirectory + ", chunkSize=" + chunkSize
                + ", endpoint=" + endpoint.map(URI::toString).orElse("Google")
                + ", credentials=" + credentials.map(c -> c.getClass().getSimpleName()).orElse("default") + "]";
    }
}
