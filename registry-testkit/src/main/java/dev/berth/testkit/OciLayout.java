package dev.berth.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes images as an OCI image layout directory ({@code oci-layout}, {@code index.json},
 * {@code blobs/<alg>/<hex>}), the form skopeo, crane and oras read with {@code oci:DIR:TAG}.
 */
public final class OciLayout {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OciLayout() {
    }

    /** Writes {@code images} into {@code directory}, each under its tag (the key). */
    public static Path write(Path directory, Map<String, TestImage> images) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        ArrayNode manifests = index.putArray("manifests");
        for (Map.Entry<String, TestImage> entry : images.entrySet()) {
            TestImage image = entry.getValue();
            for (TestBlob blob : image.allBlobs()) {
                writeBlob(directory, blob.digest(), blob.content());
            }
            for (TestImage manifest : image.manifestsInPushOrder()) {
                writeBlob(directory, manifest.digest(), manifest.manifestBytes());
            }
            ObjectNode descriptor = manifests.addObject()
                    .put("mediaType", image.mediaType())
                    .put("digest", image.digest().toString())
                    .put("size", image.manifest().size());
            descriptor.putObject("annotations").put("org.opencontainers.image.ref.name", entry.getKey());
        }
        JSON.writeValue(directory.resolve("index.json").toFile(), index);
        return directory;
    }

    private static void writeBlob(Path directory, Digest digest, byte[] content) throws IOException {
        Path path = directory.resolve("blobs").resolve(digest.algorithm().id()).resolve(digest.hex());
        Files.createDirectories(path.getParent());
        Files.write(path, content);
    }
}
