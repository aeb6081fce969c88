package dev.berth.server.conformance;

import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic blobs and the manifests that reference them. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] blob(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    public static byte[] config(String label) {
        return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"l\":\"" + label + "\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
    }

    /** An OCI image manifest over a config and one layer, optionally with a subject and artifact type. */
    public static byte[] manifest(byte[] config, byte[] layer, String subject, String artifactType) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"").append(MediaType.OCI_MANIFEST)
                .append("\",");
        if (artifactType != null) {
            json.append("\"artifactType\":\"").append(artifactType).append("\",");
        }
        json.append("\"config\":").append(descriptor(MediaType.OCI_CONFIG, config)).append(",")
                .append("\"layers\":[").append(descriptor(MediaType.OCI_LAYER_GZIP, layer)).append("]");
        if (subject != null) {
            json.append(",").append(subject);
        }
        return json.append("}").toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] manifest(byte[] config, byte[] layer) {
        return manifest(config, layer, null, null);
    }

    /** A {@code "subject":{...}} member pointing at a manifest. */
    public static String subject(byte[] manifest) {
        return "\"subject\":" + descriptor(MediaType.OCI_MANIFEST, manifest);
    }

    /** A manifest list with one linux/amd64 entry. */
    public static byte[] dockerManifestList(byte[] amd64Manifest, String amd64MediaType) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.DOCKER_MANIFEST_LIST + "\",\"manifests\":[{"
                + "\"mediaType\":\"" + amd64MediaType + "\",\"digest\":\"" + Digest.sha256(amd64Manifest)
                + "\",\"size\":" + amd64Manifest.length
                + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}").getBytes(StandardCharsets.UTF_8);
    }

    public static String descriptor(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digest.sha256(content) + "\",\"size\":"
                + content.length + "}";
    }
}
