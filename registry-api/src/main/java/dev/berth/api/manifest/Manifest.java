package dev.berth.api.manifest;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest as pushed: the exact bytes, their digest and what the bytes say. The digest is
 * always of the bytes, never of re-serialized JSON. Made by {@link ManifestParser}.
 */
public sealed interface Manifest permits ImageManifest, ImageIndex, SchemaOneManifest {

    /** The manifest's media type: the {@code mediaType} field, or what the parser inferred. */
    String mediaType();

    /** The exact bytes and their digest. */
    ManifestContent content();

    /** The digest of {@link #bytes()}. */
    default Digest digest() {
        return content().digest();
    }

    /** A copy of the exact bytes that were pushed. */
    default byte[] bytes() {
        return content().copy();
    }

    /** The number of bytes. */
    default long size() {
        return content().bytes().length;
    }

    /**
     * Every descriptor this manifest needs to exist: an image's config and layers, an index's
     * child manifests. Not the subject, which may be pushed later (OCI 1.1).
     */
    List<Descriptor> references();

    /** The manifest this one is about (a signature's image), if any. */
    Optional<Descriptor> subject();

    /** The {@code artifactType} field, if present. */
    Optional<String> artifactType();

    Map<String, String> annotations();

    /** This manifest as a descriptor: media type, digest and size. */
    default Descriptor descriptor() {
        return Descriptor.of(mediaType(), digest(), size());
    }

    /**
     * This manifest as the referrers API lists it: with its artifact type (for an image
     * manifest without one, its config's media type, as the spec says) and its annotations.
     */
    default Descriptor referrerDescriptor() {
        return new Descriptor(mediaType(), digest(), size(), null, annotations(), null,
                artifactType().orElse(null), null);
    }
}
