package dev.berth.examples.tokenauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** A one-layer OCI image layout on disk, for skopeo to copy from. */
final class TinyOciLayout {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyOciLayout() {
    }

    /** Writes the layout with the image tagged {@code tag}; returns the manifest digest. */
    static String write(Path directory, String tag, String content) throws IOException {
        Files.createDirectories(directory.resolve("blobs/sha256"));
        Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ByteArrayOutputStream layer = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(layer)) {
            gzip.write(tar("hello.txt", content.getBytes(StandardCharsets.UTF_8)));
        }
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", blob(directory, "application/vnd.oci.image.config.v1+json", JSON.writeValueAsBytes(config)));
        manifest.putArray("layers").add(blob(directory, "application/vnd.oci.image.layer.v1.tar+gzip", layer.toByteArray()));
        ObjectNode descriptor = blob(directory, "application/vnd.oci.image.manifest.v1+json", JSON.writeValueAsBytes(manifest));
        descriptor.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").add(descriptor);
        Files.write(directory.resolve("index.json"), JSON.writeValueAsBytes(index));
        return descriptor.get("digest").asText();
    }

    private static ObjectNode blob(Path directory, String mediaType, byte[] bytes) throws IOException {
        String hex = sha256(bytes);
        Files.write(directory.resolve("blobs/sha256").resolve(hex), bytes);
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", "sha256:" + hex).put("size", bytes.length);
    }

    /** One regular file in a ustar archive: a 512-byte header, the data padded to 512, two zero blocks. */
    private static byte[] tar(String name, byte[] data) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", data.length));
        put(header, 136, String.format("%011o", 0));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        int padded = (data.length + 511) / 512 * 512;
        byte[] archive = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, archive, 0, 512);
        System.arraycopy(data, 0, archive, 512, data.length);
        return archive;
    }

    private static void put(byte[] target, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
