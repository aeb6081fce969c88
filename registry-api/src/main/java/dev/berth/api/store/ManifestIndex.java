package dev.berth.api.store;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.manifest.Manifest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The manifests of one repository, by digest. */
public interface ManifestIndex {

    /**
     * Stores a manifest: every blob and child manifest it references must already be in the
     * repository ({@code MANIFEST_BLOB_UNKNOWN} otherwise); then the exact bytes are written,
     * then the revision is linked, so a reader never finds a manifest whose content is missing.
     */
    void put(Manifest manifest);

    Optional<Manifest> get(Digest digest);

    boolean exists(Digest digest);

    /** Unlinks the revision and every tag that points at it; {@code MANIFEST_UNKNOWN} when absent. */
    void delete(Digest digest);

    /** Every revision of the repository, lazily; close the stream. */
    Stream<Digest> digests();

    /**
     * The manifests whose {@code subject} is {@code subject}, as referrers-API descriptors,
     * optionally only those of one artifact type. Answered from an index kept at push time,
     * not by reading every manifest.
     */
    List<Descriptor> referrers(Digest subject, Optional<String> artifactType);
}
