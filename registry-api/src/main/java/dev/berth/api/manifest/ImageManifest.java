package dev.berth.api.manifest;

import dev.berth.api.Descriptor;
import dev.berth.api.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI image manifest or a Docker schema 2 manifest: a config and layers. Artifacts are image
 * manifests too, with an {@code artifactType} or a config media type of their own.
 */
public record ImageManifest(
        String mediaType,
        ManifestContent content,
        Descriptor config,
        List<Descriptor> layers,
        Optional<Descriptor> subject,
        Optional<String> artifactType,
        Map<String, String> annotations) implements Manifest {

    public ImageManifest {
        layers = List.copyOf(layers);
        annotations = Map.copyOf(annotations);
    }

    @Override
    public List<Descriptor> references() {
        List<Descriptor> references = new ArrayList<>(layers.size() + 1);
        references.add(config);
        references.addAll(layers);
        return List.copyOf(references);
    }

    @Override
    public Descriptor referrerDescriptor() {
        String type = artifactType.orElse(config.mediaType());
        return new Descriptor(mediaType, digest(), size(), null, annotations, null, type, null);
    }

    /** Whether this is an OCI manifest (as opposed to Docker's schema 2). */
    public boolean isOci() {
        return MediaType.OCI_MANIFEST.equals(mediaType);
    }
}
