package dev.berth.gc;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.manifest.ManifestParser;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.Registry;
import dev.berth.api.store.Repository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Pushes content through the store API in the order a client does (blobs, then the manifest,
 * then the tag), and checks that an image still pulls completely.
 */
public final class Images {

    private static final ManifestParser PARSER = ManifestParser.standard();

    private final Registry registry;

    public Images(Registry registry) {
        this.registry = registry;
    }

    public Repository repo(String name) {
        return registry.repository(RepositoryName.parse(name));
    }

    /** Uploads {@code content} into {@code repository} and returns its descriptor. */
    public Descriptor blob(String repository, String content, String mediaType) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        BlobUpload upload = repo(repository).uploads().start();
        upload.append(new ByteArrayInputStream(bytes), 0);
        Digest digest = Digest.sha256(bytes);
        upload.commit(digest, OptionalLong.of(bytes.length));
        return Descriptor.of(mediaType, digest, bytes.length);
    }

    public Descriptor layer(String repository, String content) {
        return blob(repository, content, MediaType.OCI_LAYER_GZIP);
    }

    /** An image of the named layers (each layer's content is its name), tagged when {@code tag} is not null. */
    public Manifest image(String repository, String tag, String... layers) {
        return imageWithSubject(repository, tag, null, layers);
    }

    /** An artifact (signature, SBOM) about {@code subject}, pushed untagged as OCI 1.1 clients do. */
    public Manifest referrer(String repository, Manifest subject, String content) {
        return imageWithSubject(repository, null, subject.descriptor(), content);
    }

    private Manifest imageWithSubject(String repository, String tag, Descriptor subject, String... layers) {
        Descriptor config = blob(repository, "config of " + String.join(",", layers) + " in " + repository,
                MediaType.OCI_CONFIG);
        List<Descriptor> layerDescriptors = new ArrayList<>();
        for (String layer : layers) {
            layerDescriptors.add(layer(repository, layer));
        }
        return manifest(repository, tag, config, layerDescriptors, subject);
    }

    /** Puts (and tags, unless {@code tag} is null) a manifest over blobs that must already be in the repository. */
    public Manifest manifest(String repository, String tag, Descriptor config, List<Descriptor> layers, Descriptor subject) {
        List<String> layerJson = new ArrayList<>();
        for (Descriptor layer : layers) {
            layerJson.add(json(layer));
        }
        String body = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":" + json(config)
                + ",\"layers\":[" + String.join(",", layerJson) + "]"
                + (subject == null ? "" : ",\"subject\":" + json(subject)) + "}";
        return put(repository, tag, body, MediaType.OCI_MANIFEST);
    }

    /** An index over {@code children}, which must already be in the repository. */
    public Manifest index(String repository, String tag, Manifest... children) {
        List<String> entries = new ArrayList<>();
        for (Manifest child : children) {
            entries.add(json(child.descriptor()));
        }
        String body = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":["
                + String.join(",", entries) + "]}";
        return put(repository, tag, body, MediaType.OCI_INDEX);
    }

    private Manifest put(String repository, String tag, String body, String mediaType) {
        Manifest manifest = PARSER.parse(body.getBytes(StandardCharsets.UTF_8), mediaType);
        Repository repo = repo(repository);
        repo.manifests().put(manifest);
        if (tag != null) {
            repo.tags().tag(Tag.parse(tag), manifest.digest());
        }
        return manifest;
    }

    private static String json(Descriptor descriptor) {
        return "{\"mediaType\":\"" + descriptor.mediaType() + "\",\"digest\":\"" + descriptor.digest()
                + "\",\"size\":" + descriptor.size() + "}";
    }

    /**
     * Whether the manifest and everything below it (child manifests, configs, layers) can be read
     * from the repository, byte for byte: what a pull needs.
     */
    public boolean pulls(String repository, Manifest manifest) {
        Repository repo = repo(repository);
        var stored = repo.manifests().get(manifest.digest());
        if (stored.isEmpty()) {
            return false;
        }
        for (Descriptor reference : stored.get().references()) {
            if (MediaType.isManifest(reference.mediaType())) {
                var child = repo.manifests().get(reference.digest());
                if (child.isEmpty() || !pulls(repository, child.get())) {
                    return false;
                }
            } else if (!readable(repo, reference)) {
                return false;
            }
        }
        return true;
    }

    private static boolean readable(Repository repo, Descriptor blob) {
        if (repo.blobs().stat(blob.digest()).isEmpty()) {
            return false;
        }
        try (InputStream in = repo.blobs().open(blob.digest(), 0)) {
            return in.readAllBytes().length == blob.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Every blob digest in the registry. */
    public List<Digest> allBlobs() {
        try (var digests = registry.blobs().digests()) {
            return digests.toList();
        }
    }

    public boolean hasBlob(Digest digest) {
        return registry.blobs().stat(digest).isPresent();
    }
}
