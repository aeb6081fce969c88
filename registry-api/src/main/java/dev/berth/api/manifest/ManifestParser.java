package dev.berth.api.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.ErrorCode;
import dev.berth.api.MediaType;
import dev.berth.api.Platform;
import dev.berth.api.RegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Parses and validates manifests from their exact bytes.
 *
 * <p>The media type comes from the {@code Content-Type} of the push when it names a manifest
 * type, else from the {@code mediaType} field, else from the shape of the JSON (a
 * {@code manifests} array is an index, a {@code config} an image manifest). When both the
 * header and the field are present they must agree: a manifest that claims to be two things
 * is refused, as distribution does. Duplicate JSON keys are refused too, since two parsers
 * could read such a document differently.
 *
 * <p>Schema 1 manifests are refused with {@link ErrorCode#MANIFEST_INVALID} unless the parser
 * was made {@link #withSchema1(boolean) with schema 1 enabled}.
 */
public final class ManifestParser {

    private final boolean schema1;

    private ManifestParser(boolean schema1) {
        this.schema1 = schema1;
    }

    /** A parser for OCI and Docker schema 2 manifests and indexes. */
    public static ManifestParser standard() {
        return new ManifestParser(false);
    }

    /** This parser, also accepting Docker schema 1 manifests when {@code enabled}. */
    public ManifestParser withSchema1(boolean enabled) {
        return new ManifestParser(enabled);
    }

    /** Parses bytes pushed with {@code contentType} (may be null), digesting them with sha256. */
    public Manifest parse(byte[] bytes, String contentType) {
        return parse(bytes, contentType, DigestAlgorithm.SHA256);
    }

    /** Parses bytes pushed with {@code contentType} (may be null), digesting them with {@code algorithm}. */
    public Manifest parse(byte[] bytes, String contentType, DigestAlgorithm algorithm) {
        return parse(bytes, contentType, () -> Digest.of(algorithm, bytes));
    }

    /**
     * Parses a manifest read back from content-addressed storage, where it lies under
     * {@code digest}. Its digest was checked when it was pushed, so it is taken as given here
     * rather than computed again: reading back every manifest of a registry, as the garbage
     * collector does, then costs a parse each and no hashing.
     */
    public Manifest parseStored(byte[] bytes, Digest digest) {
        Objects.requireNonNull(digest, "digest");
        return parse(bytes, null, () -> digest);
    }

    private Manifest parse(byte[] bytes, String contentType, Supplier<Digest> digest) {
        JsonNode root = readTree(bytes);
        String declared = text(root, "mediaType").orElse(null);
        String mediaType = mediaTypeOf(root, stripParameters(contentType), declared);
        ManifestContent content = new ManifestContent(bytes.clone(), digest.get());
        return switch (mediaType) {
            case MediaType.OCI_MANIFEST, MediaType.DOCKER_MANIFEST -> imageManifest(root, mediaType, content);
            case MediaType.OCI_INDEX, MediaType.DOCKER_MANIFEST_LIST -> imageIndex(root, mediaType, content);
            case MediaType.DOCKER_SCHEMA1_MANIFEST, MediaType.DOCKER_SCHEMA1_SIGNED_MANIFEST ->
                    schemaOne(root, mediaType, content);
            default -> throw invalid("unsupported manifest media type " + mediaType);
        };
    }

    private String mediaTypeOf(JsonNode root, String contentType, String declared) {
        if (contentType != null && MediaType.isManifest(contentType)) {
            if (declared != null && !declared.equals(contentType) && !isSchemaOne(contentType)) {
                throw invalid("mediaType '" + declared + "' does not match Content-Type '" + contentType + "'");
            }
            return contentType;
        }
        if (declared != null) {
            return declared;
        }
        if (root.has("manifests")) {
            return MediaType.OCI_INDEX;
        }
        if (root.has("config")) {
            return MediaType.OCI_MANIFEST;
        }
        if (root.has("fsLayers")) {
            return root.has("signatures") ? MediaType.DOCKER_SCHEMA1_SIGNED_MANIFEST : MediaType.DOCKER_SCHEMA1_MANIFEST;
        }
        throw invalid("cannot tell the manifest's media type: no mediaType, manifests or config");
    }

    private ImageManifest imageManifest(JsonNode root, String mediaType, ManifestContent content) {
        requireSchemaVersion(root, 2);
        JsonNode config = root.get("config");
        if (config == null || !config.isObject()) {
            throw invalid("manifest has no config descriptor");
        }
        return new ImageManifest(mediaType, content,
                descriptor(config, "config"),
                descriptors(root, "layers", false),
                optionalDescriptor(root, "subject"),
                text(root, "artifactType"),
                annotations(root));
    }

    private ImageIndex imageIndex(JsonNode root, String mediaType, ManifestContent content) {
        requireSchemaVersion(root, 2);
        if (!root.has("manifests")) {
            throw invalid("index has no manifests array");
        }
        return new ImageIndex(mediaType, content,
                descriptors(root, "manifests", true),
                optionalDescriptor(root, "subject"),
                text(root, "artifactType"),
                annotations(root));
    }

    private SchemaOneManifest schemaOne(JsonNode root, String mediaType, ManifestContent content) {
        if (!schema1) {
            throw invalid("Docker schema 1 manifests are not accepted; "
                    + "set compatibility.schema1.enabled to push them");
        }
        requireSchemaVersion(root, 1);
        JsonNode fsLayers = root.get("fsLayers");
        if (fsLayers == null || !fsLayers.isArray()) {
            throw invalid("schema 1 manifest has no fsLayers");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode layer : fsLayers) {
            String blobSum = text(layer, "blobSum").orElseThrow(() -> invalid("fsLayers entry has no blobSum"));
            layers.add(Descriptor.of(MediaType.DOCKER_LAYER, digest(blobSum), 0));
        }
        String name = text(root, "name").orElse("");
        String tag = text(root, "tag").orElse("");
        String resolved = mediaType.equals(MediaType.DOCKER_SCHEMA1_MANIFEST) && root.has("signatures")
                ? MediaType.DOCKER_SCHEMA1_SIGNED_MANIFEST : mediaType;
        return new SchemaOneManifest(resolved, content, name, tag, layers);
    }

    private static JsonNode readTree(byte[] bytes) {
        JsonNode root;
        try {
            root = JsonTrees.read(bytes);
        } catch (JsonProcessingException e) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "manifest is not valid JSON",
                    e.getOriginalMessage(), ErrorCode.MANIFEST_INVALID.httpStatus(), e);
        } catch (IOException e) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "manifest cannot be read",
                    e.getMessage(), ErrorCode.MANIFEST_INVALID.httpStatus(), e);
        }
        if (root == null || !root.isObject()) {
            throw invalid("manifest must be a JSON object");
        }
        return root;
    }

    private static void requireSchemaVersion(JsonNode root, int expected) {
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.isInt() || version.intValue() != expected) {
            throw invalid("schemaVersion must be " + expected);
        }
    }

    private static List<Descriptor> descriptors(JsonNode root, String field, boolean withPlatform) {
        JsonNode array = root.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw invalid(field + " must be an array");
        }
        List<Descriptor> descriptors = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Descriptor descriptor = descriptor(array.get(i), field + "[" + i + "]");
            if (!withPlatform && descriptor.platform() != null) {
                descriptor = new Descriptor(descriptor.mediaType(), descriptor.digest(), descriptor.size(),
                        descriptor.urls(), descriptor.annotations(), null, descriptor.artifactType(), descriptor.data());
            }
            descriptors.add(descriptor);
        }
        return List.copyOf(descriptors);
    }

    private static Optional<Descriptor> optionalDescriptor(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(descriptor(node, field));
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        if (!node.isObject()) {
            throw invalid(where + " must be a descriptor object");
        }
        String mediaType = text(node, "mediaType").orElseThrow(() -> invalid(where + " has no mediaType"));
        Digest digest = digest(text(node, "digest").orElseThrow(() -> invalid(where + " has no digest")));
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
            throw invalid(where + " must have a non-negative integer size");
        }
        return new Descriptor(mediaType, digest, size.longValue(),
                strings(node, "urls", where),
                annotations(node),
                platform(node.get("platform"), where),
                text(node, "artifactType").orElse(null),
                text(node, "data").orElse(null));
    }

    private static Platform platform(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        String architecture = text(node, "architecture").orElseThrow(() -> invalid(where + ".platform has no architecture"));
        String os = text(node, "os").orElseThrow(() -> invalid(where + ".platform has no os"));
        return new Platform(architecture, os, text(node, "os.version").orElse(null),
                strings(node, "os.features", where), text(node, "variant").orElse(null),
                strings(node, "features", where));
    }

    private static Digest digest(String text) {
        try {
            return Digest.parse(text);
        } catch (RegistryException e) {
            throw invalid("invalid digest " + text);
        }
    }

    private static Map<String, String> annotations(JsonNode node) {
        JsonNode annotations = node.get("annotations");
        if (annotations == null || annotations.isNull()) {
            return Map.of();
        }
        if (!annotations.isObject()) {
            throw invalid("annotations must be an object of strings");
        }
        Map<String, String> result = new LinkedHashMap<>();
        annotations.properties().forEach(entry -> {
            if (!entry.getValue().isTextual()) {
                throw invalid("annotation " + entry.getKey() + " must be a string");
            }
            result.put(entry.getKey(), entry.getValue().textValue());
        });
        return result;
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        JsonNode array = node.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw invalid(where + "." + field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw invalid(where + "." + field + " must be an array of strings");
            }
            values.add(element.textValue());
        }
        return values;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return Optional.of(value.textValue());
    }

    private static String stripParameters(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    private static boolean isSchemaOne(String mediaType) {
        return mediaType.equals(MediaType.DOCKER_SCHEMA1_MANIFEST)
                || mediaType.equals(MediaType.DOCKER_SCHEMA1_SIGNED_MANIFEST);
    }

    private static RegistryException invalid(String message) {
        return ErrorCode.MANIFEST_INVALID.exception("manifest invalid", message);
    }
}
