package dev.berth.gc;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.manifest.Manifest;
import java.util.List;
import java.util.Optional;

/**
 * What marking needs of a manifest, without its bytes: the digests it references (in the
 * manifest's order, as distribution prints them), its subject and its size. Content-addressed,
 * so facts read in one repository hold in every other.
 */
record ManifestFacts(Digest digest, long size, List<Digest> references, Optional<Digest> subject) {

    ManifestFacts {
        references = List.copyOf(references);
    }

    static ManifestFacts of(Manifest manifest) {
        return new ManifestFacts(manifest.digest(), manifest.size(),
                manifest.references().stream().map(Descriptor::digest).toList(),
                manifest.subject().map(Descriptor::digest));
    }
}
