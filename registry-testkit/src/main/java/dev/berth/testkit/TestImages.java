package dev.berth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.Descriptor;
import dev.berth.api.MediaType;
import dev.berth.api.Platform;
import dev.berth.api.manifest.ManifestParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A deterministic factory of images: the same seed gives the same layers, manifests and
 * digests on every run, so a failing test can be replayed. Layers are random bytes (not real
 * tarballs): registries never look inside them. Not thread-safe; one per test.
 */
public final class TestImages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ManifestParser PARSER = ManifestParser.standard();

    private final Random random;

    private TestImages(long seed) {
        this.random = new Random(seed);
    }

    public static TestImages seeded(long seed) {
        return new TestImages(seed);
    }

    /** Random bytes of the given size, as an OCI gzip layer. */
    public TestBlob layer(int size) {
        return blob(MediaType.OCI_LAYER_GZIP, size);
    }

    /** Random bytes of the given size and media type. */
    public TestBlob blob(String mediaType, int size) {
        byte[] content = new byte[size];
        random.nextBytes(content);
        return new TestBlob(mediaType, content);
    }

    /** An OCI image for linux/amd64 with {@code layers} random layers of {@code layerSize} bytes. */
    public TestImage image(int layers, int layerSize) {
        return image(Platform.of("linux", "amd64"), layers, layerSize, false);
    }

    /** A Docker schema 2 image with {@code layers} random layers. */
    public TestImage dockerImage(int layers, int layerSize) {
        return image(Platform.of("linux", "amd64"), layers, layerSize, true);
    }

    /** An OCI image for a platform. */
    public TestImage image(Platform platform, int layers, int layerSize, boolean docker) {
        List<TestBlob> layerBlobs = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            layerBlobs.add(blob(docker ? MediaType.DOCKER_LAYER : MediaType.OCI_LAYER_GZIP, layerSize));
        }
        return image(platform, layerBlobs, docker);
    }

    /** An OCI image over layers the caller made, to share layers between images. */
    public TestImage image(List<TestBlob> layers) {
        return image(Platform.of("linux", "amd64"), layers, false);
    }

    private TestImage image(Platform platform, List<TestBlob> layers, boolean docker) {
        ObjectNode config = JSON.createObjectNode()
                .put("architecture", platform.architecture())
                .put("os", platform.os())
                .put("created", "2026-01-01T00:00:00Z");
        config.putObject("config").putArray("Env").add("SEED=" + random.nextLong());
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(layer -> diffIds.add(layer.digest().toString()));
        TestBlob configBlob = new TestBlob(docker ? MediaType.DOCKER_CONFIG : MediaType.OCI_CONFIG, bytes(config));

        String mediaType = docker ? MediaType.DOCKER_MANIFEST : MediaType.OCI_MANIFEST;
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", mediaType);
        manifest.set("config", descriptor(configBlob.descriptor()));
        ArrayNode layerArray = manifest.putArray("layers");
        layers.forEach(layer -> layerArray.add(descriptor(layer.descriptor())));

        List<TestBlob> blobs = new ArrayList<>(layers.size() + 1);
        blobs.add(configBlob);
        blobs.addAll(layers);
        return new TestImage(PARSER.parse(bytes(manifest), mediaType), blobs, List.of());
    }

    /** An OCI index over one image per platform, each with {@code layers} random layers. */
    public TestImage multiArch(List<Platform> platforms, int layers, int layerSize) {
        List<TestImage> images = platforms.stream().map(platform -> image(platform, layers, layerSize, false)).toList();
        return index(images);
    }

    /** An OCI index over the given images, each listed with its config's platform. */
    public TestImage index(List<TestImage> images) {
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaType.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (TestImage image : images) {
            ObjectNode entry = descriptor(image.descriptor());
            platformOf(image).ifPresent(platform -> entry.putObject("platform")
                    .put("architecture", platform.architecture()).put("os", platform.os()));
            manifests.add(entry);
        }
        return new TestImage(PARSER.parse(bytes(index), MediaType.OCI_INDEX), List.of(), images);
    }

    /**
     * An artifact about {@code subject} (a signature, an SBOM): an OCI manifest with the empty
     * config, one random layer and the given artifact type, pointing at the subject.
     */
    public TestImage artifact(TestImage subject, String artifactType, int size) {
        TestBlob empty = new TestBlob(MediaType.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8));
        TestBlob payload = blob("application/octet-stream", size);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", MediaType.OCI_MANIFEST)
                .put("artifactType", artifactType);
        manifest.set("config", descriptor(empty.descriptor()));
        manifest.putArray("layers").add(descriptor(payload.descriptor()));
        manifest.set("subject", descriptor(subject.descriptor()));
        manifest.putObject("annotations").put("org.opencontainers.image.created", "2026-01-01T00:00:00Z");
        return new TestImage(PARSER.parse(bytes(manifest), MediaType.OCI_MANIFEST), List.of(empty, payload), List.of());
    }

    /** The platform an image's config names; images made here have their config first. */
    private static Optional<Platform> platformOf(TestImage image) {
        if (MediaType.isIndex(image.mediaType()) || image.blobs().isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode config = JSON.readTree(image.blobs().get(0).content());
            return Optional.of(Platform.of(config.path("os").asText(), config.path("architecture").asText()));
        } catch (IOException e) {
            throw new IllegalStateException("config made by this factory is JSON", e);
        }
    }

    private static ObjectNode descriptor(Descriptor descriptor) {
        ObjectNode node = JSON.createObjectNode()
                .put("mediaType", descriptor.mediaType())
                .put("digest", descriptor.digest().toString())
                .put("size", descriptor.size());
        if (!descriptor.annotations().isEmpty()) {
            ObjectNode annotations = node.putObject("annotations");
            descriptor.annotations().forEach(annotations::put);
        }
        return node;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }
}
