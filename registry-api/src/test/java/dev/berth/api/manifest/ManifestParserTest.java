package dev.berth.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.ErrorCode;
import dev.berth.api.MediaType;
import dev.berth.api.RegistryException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

// Property tests use QuickTheories, not jqwik: its maintainer asks coding agents not to use it.
class ManifestParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ManifestParser PARSER = ManifestParser.standard();

    private static final Digest CONFIG = Digest.sha256("config".getBytes(StandardCharsets.UTF_8));
    private static final Digest LAYER = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));

    @Test
    void ociManifestListsConfigThenLayersAsReferences() {
        byte[] bytes = json(imageManifest(MediaType.OCI_MANIFEST, List.of(LAYER)));
        Manifest manifest = PARSER.parse(bytes, MediaType.OCI_MANIFEST);

        assertThat(manifest).isInstanceOf(ImageManifest.class);
        assertThat(manifest.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
        assertThat(manifest.digest()).isEqualTo(Digest.sha256(bytes));
        assertThat(manifest.references()).extracting(Descriptor::digest).containsExactly(CONFIG, LAYER);
        assertThat(manifest.bytes()).isEqualTo(bytes);
    }

    @Test
    void theDigestIsOfTheExactBytesNotOfReserializedJson() {
        String spaced = "{ \"schemaVersion\" : 2,\n \"mediaType\": \"" + MediaType.OCI_INDEX + "\", \"manifests\": [] }";
        byte[] bytes = spaced.getBytes(StandardCharsets.UTF_8);
        assertThat(PARSER.parse(bytes, null).digest()).isEqualTo(Digest.sha256(bytes));
    }

    @Test
    void digestAlgorithmCanBeChosen() {
        byte[] bytes = json(imageManifest(MediaType.OCI_MANIFEST, List.of(LAYER)));
        assertThat(PARSER.parse(bytes, MediaType.OCI_MANIFEST, DigestAlgorithm.SHA512).digest())
                .isEqualTo(Digest.of(DigestAlgorithm.SHA512, bytes));
    }

    @Test
    void aStoredManifestParsesAsWhenPushedWithTheDigestItIsStoredUnder() {
        byte[] bytes = json(imageManifest(MediaType.OCI_MANIFEST, List.of(LAYER)));
        Digest storedUnder = Digest.sha256(bytes);

        Manifest stored = PARSER.parseStored(bytes, storedUnder);

        assertThat(stored).isEqualTo(PARSER.parse(bytes, null));
        assertThat(stored.digest()).isEqualTo(storedUnder);
    }

    @Test
    void aStoredManifestIsValidatedAsAPushedOneIs() {
        byte[] bytes = "{\"schemaVersion\":2,\"mediaType\":\"text/plain\",\"manifests\":[]}".getBytes(StandardCharsets.UTF_8);
        assertInvalid(() -> PARSER.parseStored(bytes, Digest.sha256(bytes)));
    }

    @Test
    void dockerManifestListReferencesItsChildManifestsWithPlatforms() {
        ObjectNode list = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaType.DOCKER_MANIFEST_LIST);
        ObjectNode child = descriptor(MediaType.DOCKER_MANIFEST, LAYER, 500);
        child.putObject("platform").put("architecture", "arm64").put("os", "linux").put("variant", "v8");
        list.putArray("manifests").add(child);

        Manifest manifest = PARSER.parse(json(list), MediaType.DOCKER_MANIFEST_LIST);

        assertThat(manifest).isInstanceOfSatisfying(ImageIndex.class, index -> {
            assertThat(index.manifests()).hasSize(1);
            assertThat(index.manifests().get(0).platform()).hasToString("linux/arm64/v8");
        });
    }

    @Test
    void mediaTypeIsInferredWhenNeitherHeaderNorFieldGivesIt() {
        ObjectNode manifest = imageManifest(null, List.of());
        assertThat(PARSER.parse(json(manifest), "application/json").mediaType()).isEqualTo(MediaType.OCI_MANIFEST);

        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests");
        assertThat(PARSER.parse(json(index), null).mediaType()).isEqualTo(MediaType.OCI_INDEX);
    }

    @Test
    void contentTypeParametersAreIgnored() {
        byte[] bytes = json(imageManifest(MediaType.OCI_MANIFEST, List.of()));
        assertThat(PARSER.parse(bytes, MediaType.OCI_MANIFEST + "; charset=utf-8").mediaType())
                .isEqualTo(MediaType.OCI_MANIFEST);
    }

    @Test
    void aManifestWhoseFieldContradictsItsContentTypeIsInvalid() {
        byte[] bytes = json(imageManifest(MediaType.DOCKER_MANIFEST, List.of(LAYER)));
        assertInvalid(() -> PARSER.parse(bytes, MediaType.OCI_MANIFEST));
    }

    @Test
    void artifactWithSubjectAndEmptyConfigIsAReferrer() {
        ObjectNode artifact = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaType.OCI_MANIFEST)
                .put("artifactType", "application/vnd.example.sbom.v1");
        artifact.set("config", descriptor(MediaType.OCI_EMPTY, Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)), 2));
        artifact.putArray("layers").add(descriptor("application/spdx+json", LAYER, 10));
        artifact.set("subject", descriptor(MediaType.OCI_MANIFEST, CONFIG, 300));
        artifact.putObject("annotations").put("org.opencontainers.image.created", "2026-11-27T00:00:00Z");

        Manifest manifest = PARSER.parse(json(artifact), MediaType.OCI_MANIFEST);

        assertThat(manifest.subject()).map(Descriptor::digest).contains(CONFIG);
        assertThat(manifest.references()).extracting(Descriptor::digest).doesNotContain(CONFIG);
        Descriptor referrer = manifest.referrerDescriptor();
        assertThat(referrer.artifactType()).isEqualTo("application/vnd.example.sbom.v1");
        assertThat(referrer.annotations()).containsKey("org.opencontainers.image.created");
    }

    @Test
    void anImageWithoutArtifactTypeIsListedAsReferrerByItsConfigMediaType() {
        ObjectNode signature = imageManifest(MediaType.OCI_MANIFEST, List.of());
        ((ObjectNode) signature.get("config")).put("mediaType", "application/vnd.example.signature.config+json");
        signature.set("subject", descriptor(MediaType.OCI_MANIFEST, CONFIG, 300));

        assertThat(PARSER.parse(json(signature), null).referrerDescriptor().artifactType())
                .isEqualTo("application/vnd.example.signature.config+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "null", "[]", "\"text\"", "{", "{\"schemaVersion\":2}",
        "{\"schemaVersion\":1,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{}}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\"}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":{}}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"digest\":\"sha256:x\",\"size\":1,\"mediaType\":\"a\"}]}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"digest\":\"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"size\":-1,\"mediaType\":\"a\"}]}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"digest\":\"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"size\":1}]}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[],\"manifests\":[]}",
        "{\"schemaVersion\":2,\"mediaType\":\"text/plain\",\"manifests\":[]}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[],\"annotations\":{\"a\":1}}",
    })
    void malformedManifestsAreRefusedWithManifestInvalid(String text) {
        assertInvalid(() -> PARSER.parse(text.getBytes(StandardCharsets.UTF_8), null));
    }

    @Test
    void schemaOneIsRefusedUnlessEnabled() {
        ObjectNode schema1 = JSON.createObjectNode().put("schemaVersion", 1).put("name", "app").put("tag", "v1");
        schema1.putArray("fsLayers").addObject().put("blobSum", LAYER.toString());
        schema1.putArray("signatures").addObject().put("protected", "e30");
        byte[] bytes = json(schema1);

        assertInvalid(() -> PARSER.parse(bytes, MediaType.DOCKER_SCHEMA1_SIGNED_MANIFEST));

        Manifest manifest = PARSER.withSchema1(true).parse(bytes, MediaType.DOCKER_SCHEMA1_SIGNED_MANIFEST);
        assertThat(manifest).isInstanceOf(SchemaOneManifest.class);
        assertThat(manifest.references()).extracting(Descriptor::digest).containsExactly(LAYER);
    }

    @Test
    void referencesMatchTheDescriptorsInTheJson() {
        Gen<List<Digest>> layerDigests = lists().of(integers().between(0, 1_000_000)
                .map(i -> Digest.sha256(Integer.toString(i).getBytes(StandardCharsets.UTF_8)))).ofSizeBetween(0, 40);
        qt().forAll(layerDigests).checkAssert(layers -> {
            Manifest manifest = PARSER.parse(json(imageManifest(MediaType.OCI_MANIFEST, layers)), null);
            List<Digest> expected = new java.util.ArrayList<>();
            expected.add(CONFIG);
            expected.addAll(layers);
            assertThat(manifest.references()).extracting(Descriptor::digest).containsExactlyElementsOf(expected);
        });
    }

    private static ObjectNode imageManifest(String mediaType, List<Digest> layers) {
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2);
        if (mediaType != null) {
            manifest.put("mediaType", mediaType);
        }
        String configType = MediaType.DOCKER_MANIFEST.equals(mediaType) ? MediaType.DOCKER_CONFIG : MediaType.OCI_CONFIG;
        manifest.set("config", descriptor(configType, CONFIG, 123));
        ArrayNode array = manifest.putArray("layers");
        layers.forEach(layer -> array.add(descriptor(MediaType.OCI_LAYER_GZIP, layer, 1000)));
        return manifest;
    }

    private static ObjectNode descriptor(String mediaType, Digest digest, long size) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest.toString()).put("size", size);
    }

    private static byte[] json(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable parse) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID));
    }
}
