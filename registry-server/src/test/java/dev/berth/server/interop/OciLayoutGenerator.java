package dev.berth.server.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a small OCI image layout, the same bytes for the same seed: a multi-arch index
 * (linux/amd64 and linux/arm64, sharing a base layer, three gzip tar layers each) tagged
 * {@code multi}, and its amd64 image tagged {@code single}. Layers are real tar.gz so that
 * clients that sniff compression are satisfied.
 */
final class OciLayoutGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was written: the layout directory, the index, its manifests, and every blob. */
    record Layout(Path directory, Digest index, List<Digest> manifests, Set<Digest> blobs) {
    }

    private final Path directory;
    private final Random random;
    private final Set<Digest> blobs = new LinkedHashSet<>();

    private OciLayoutGenerator(Path directory, long seed) {
        this.directory = directory;
        this.random = new Random(seed);
    }

    static Layout write(Path directory, long seed) throws IOException {
        return new OciLayoutGenerator(directory, seed).write();
    }

    private Layout write() throws IOException {
        Files.createDirectories(directory.resolve("blobs/sha256"));
        Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode base = layer("base", 48 * 1024);
        List<ObjectNode> manifests = new ArrayList<>();
        for (String architecture : List.of("amd64", "arm64")) {
            List<ObjectNode> layers = List.of(base, layer(architecture + "-lib", 32 * 1024), layer(architecture + "-app", 4096));
            ObjectNode manifest = image(architecture, layers);
            manifest.putObject("platform").put("architecture", architecture).put("os", "linux");
            manifests.add(manifest);
        }
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2).put("mediaType", MediaType.OCI_INDEX);
        index.putArray("manifests").addAll(manifests);
        ObjectNode indexDescriptor = blob(MediaType.OCI_INDEX, json(index));

        ObjectNode layoutIndex = JSON.createObjectNode().put("schemaVersion", 2);
        ArrayNode refs = layoutIndex.putArray("manifests");
        refs.add(indexDescriptor.deepCopy().set("annotations",
                JSON.createObjectNode().put("org.opencontainers.image.ref.name", "multi")));
        ObjectNode single = manifests.get(0).deepCopy();
        single.remove("platform");
        refs.add(single.set("annotations", JSON.createObjectNode().put("org.opencontainers.image.ref.name", "single")));
        Files.write(directory.resolve("index.json"), json(layoutIndex));
        return new Layout(directory, digest(indexDescriptor),
                manifests.stream().map(OciLayoutGenerator::digest).toList(), Set.copyOf(blobs));
    }

    private ObjectNode image(String architecture, List<ObjectNode> layers) throws IOException {
        ObjectNode config = JSON.createObjectNode().put("architecture", architecture).put("os", "linux");
        config.putObject("config").putArray("Cmd").add("/app");
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(layer -> diffIds.add(layer.get("annotations").get("diff_id").asText()));
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2).put("mediaType", MediaType.OCI_MANIFEST);
        manifest.set("config", blob(MediaType.OCI_CONFIG, json(config)));
        ArrayNode layerArray = manifest.putArray("layers");
        for (ObjectNode layer : layers) {
            ObjectNode copy = layer.deepCopy();
            copy.remove("annotations");
            layerArray.add(copy);
        }
        return blob(MediaType.OCI_MANIFEST, json(manifest));
    }

    /** A gzip tar holding one file of random bytes; the descriptor carries its diff ID for the config. */
    private ObjectNode layer(String name, int size) throws IOException {
        byte[] content = new byte[size];
        random.nextBytes(content);
        byte[] tar = Tar.singleFile(name + ".bin", content);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(tar);
        }
        ObjectNode descriptor = blob(MediaType.OCI_LAYER_GZIP, gzipped.toByteArray());
        descriptor.putObject("annotations").put("diff_id", Digest.sha256(tar).toString());
        return descriptor;
    }

    private ObjectNode blob(String mediaType, byte[] content) throws IOException {
        Digest digest = Digest.sha256(content);
        Files.write(directory.resolve("blobs/sha256").resolve(digest.hex()), content);
        blobs.add(digest);
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest.toString()).put("size", content.length);
    }

    private static Digest digest(ObjectNode descriptor) {
        return Digest.parse(descriptor.get("digest").asText());
    }

    private static byte[] json(ObjectNode node) throws IOException {
        return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    }

    /** Just enough of POSIX ustar for one regular file, with fixed owner and time. */
    static final class Tar {
        private Tar() {
        }

        static byte[] singleFile(String name, byte[] content) {
            byte[] header = new byte[512];
            put(header, 0, name);
            put(header, 100, "0000644");
            put(header, 108, "0000000");
            put(header, 116, "0000000");
            put(header, 124, String.format("%011o", content.length));
            put(header, 136, "00000000000");
            header[156] = '0';
            put(header, 257, "ustar");
            put(header, 263, "00");
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            int checksum = 0;
            for (byte b : header) {
                checksum += b & 0xff;
            }
            put(header, 148, String.format("%06o", checksum));
            header[154] = 0;
            int padding = (512 - content.length % 512) % 512;
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            tar.writeBytes(header);
            tar.writeBytes(content);
            tar.writeBytes(new byte[padding + 1024]);
            return tar.toByteArray();
        }

        private static void put(byte[] header, int offset, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(bytes, 0, header, offset, bytes.length);
        }
    }
}
