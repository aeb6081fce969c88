package dev.berth.api.manifest;

import dev.berth.api.Descriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Docker image manifest schema 1 (deprecated; only parsed when
 * {@code compatibility.schema1.enabled} is set). Its layers carry no sizes: their descriptors
 * have size 0. Signatures are kept in the bytes but not verified, as distribution 2.8 no longer
 * does for pulls either.
 */
public record SchemaOneManifest(
        String mediaType,
        ManifestContent content,
        String name,
        String tag,
        List<Descriptor> layers) implements Manifest {

    public SchemaOneManifest {
        layers = List.copyOf(layers);
    }

    @Override
    public List<Descriptor> references() {
        return layers;
    }

    @Override
    public Optional<Descriptor> subject() {
        return Optional.empty();
    }

    @Override
    public Optional<String> artifactType() {
        return Optional.empty();
    }

    @Override
    public Map<String, String> annotations() {
        return Map.of();
    }
}
