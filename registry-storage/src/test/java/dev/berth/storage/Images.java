package dev.berth.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.manifest.ManifestParser;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.Repository;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Builds and pushes small images through the store, as a client would. */
final class Images {

    private Images() {
    }

    /** Uploads {@code content} in one chunk and commits it. */
    static Descriptor pushBlob(Repository repository, byte[] content, String mediaType) {
        BlobUpload upload = repository.uploads().start();
        upload.append(new ByteArrayInputStream(content), 0);
        Descriptor stored = upload.commit(Digest.sha256(content), OptionalLong.of(content.length));
        return Descriptor.of(mediaType, stored.digest(), stored.size());
    }

    static Descriptor pushBlob(Repository repository, String content, String mediaType) {
        return pushBlob(repository, content.getBytes(UTF_8), mediaType);
    }

    /** An OCI image manifest's exact bytes. */
    static byte[] imageManifest(Descriptor config, List<Descriptor> layers) {
        return imageManifest(config, layers, null, null);
    }

    static byte[] imageManifest(Descriptor config, List<Descriptor> layers, Descriptor subject, String artifactType) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\"");
        if (artifactType != null) {
            json.append(",\"artifactType\":\"").append(artifactType).append('"');
        }
        json.append(",\"config\":").append(descriptor(config));
        json.append(",\"layers\":[").append(layers.stream().map(Images::descriptor).collect(Collectors.joining(",")));
        json.append(']');
        if (subject != null) {
            json.append(",\"subject\":").append(descriptor(subject));
        }
        return json.append('}').toString().getBytes(UTF_8);
    }

    /** An OCI image index's exact bytes. */
    static byte[] index(List<Descriptor> manifests) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":["
                + manifests.stream().map(Images::descriptor).collect(Collectors.joining(",")) + "]}").getBytes(UTF_8);
    }

    static Manifest parse(byte[] bytes) {
        return ManifestParser.standard().parse(bytes, null);
    }

    /** Pushes a config and one layer, then the manifest referencing them; returns the manifest. */
    static Manifest pushImage(Repository repository, String layerContent) {
        Descriptor layer = pushBlob(repository, layerContent, MediaType.OCI_LAYER_GZIP);
        Descriptor config = pushBlob(repository, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"layer\":\""
                + layerContent + "\"}", MediaType.OCI_CONFIG);
        Manifest manifest = parse(imageManifest(config, List.of(layer)));
        repository.manifests().put(manifest);
        return manifest;
    }

    static String descriptor(Descriptor d) {
        StringBuilder json = new StringBuilder("{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest()
                + "\",\"size\":" + d.size());
        if (!d.urls().isEmpty()) {
            json.append(",\"urls\":[").append(d.urls().stream().map(u -> '"' + u + '"').collect(Collectors.joining(",")))
                    .append(']');
        }
        return json.append('}').toString();
    }
}
