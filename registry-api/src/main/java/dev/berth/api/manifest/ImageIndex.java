package dev.berth.api.manifest;

import dev.berth.api.Descriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An OCI image index or a Docker manifest list: a list of manifests, usually one per platform. */
public record ImageIndex(
        String mediaType,
        ManifestContent content,
        List<Descriptor> manifests,
        Optional<Descriptor> subject,
        Optional<String> artifactType,
        Map<String, String> annotations) implements Manifest {

    public ImageIndex {
        manifests = List.copyOf(manifests);
        annotations = Map.copyOf(annotations);
    }

    @Override
    public List<Descriptor> references() {
        return manifests;
    }
}
