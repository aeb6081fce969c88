package dev.berth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reference to content: its media type, digest and size, and what the image spec lets a
 * descriptor carry besides. {@code platform}, {@code artifactType} and {@code data} (base64)
 * are null when absent; the collections are empty, never null.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Descriptor(
        String mediaType,
        Digest digest,
        long size,
        List<String> urls,
        Map<String, String> annotations,
        Platform platform,
        String artifactType,
        String data) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw ErrorCode.SIZE_INVALID.exception("descriptor size must not be negative", size);
        }
        urls = urls == null ? List.of() : List.copyOf(urls);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, null, null, null, null);
    }

    /** This descriptor with annotations. */
    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, urls, newAnnotations, platform, artifactType, data);
    }

    /** This descriptor with an artifact type, as a referrers response lists it. */
    public Descriptor withArtifactType(String newArtifactType) {
        return new Descriptor(mediaType, digest, size, urls, annotations, platform, newArtifactType, data);
    }
}
