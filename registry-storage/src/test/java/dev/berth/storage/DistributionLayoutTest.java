package dev.berth.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Descriptor;
import dev.berth.api.MediaType;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.Repository;
import dev.berth.storage.filesystem.FilesystemDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes an image through the store onto the filesystem and compares the files with what distribution 2.8 writes. */
class DistributionLayoutTest {

    @TempDir
    Path root;

    @Test
    void pushedImageLeavesExactlyTheFilesDistributionWrites() throws IOException {
        Repository repository = StorageRegistry.builder(new FilesystemDriver(root)).build()
                .repository(RepositoryName.parse("library/hello"));
        byte[] layerBytes = "layer tar bytes".getBytes(UTF_8);
        byte[] configBytes = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(UTF_8);
        Descriptor layer = Images.pushBlob(repository, layerBytes, MediaType.OCI_LAYER);
        Descriptor config = Images.pushBlob(repository, configBytes, MediaType.OCI_CONFIG);
        Manifest manifest = Images.parse(Images.imageManifest(config, List.of(layer)));
        repository.manifests().put(manifest);
        repository.tags().tag(Tag.parse("latest"), manifest.digest());

        String v2 = "docker/registry/v2/";
        String repo = v2 + "repositories/library/hello/";
        Map<String, String> expected = new TreeMap<>();
        for (Descriptor blob : List.of(layer, config, manifest.descriptor())) {
            String hex = blob.digest().hex();
            expected.put(v2 + "blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data", null);
        }
        expected.put(repo + "_layers/sha256/" + layer.digest().hex() + "/link", layer.digest().toString());
        expected.put(repo + "_layers/sha256/" + config.digest().hex() + "/link", config.digest().toString());
        expected.put(repo + "_manifests/revisions/sha256/" + manifest.digest().hex() + "/link", manifest.digest().toString());
        expected.put(repo + "_manifests/tags/latest/current/link", manifest.digest().toString());
        expected.put(repo + "_manifests/tags/latest/index/sha256/" + manifest.digest().hex() + "/link",
                manifest.digest().toString());

        Map<String, byte[]> files = files();
        assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((path, link) -> {
            if (link != null) {
                assertThat(new String(files.get(path), UTF_8)).as(path).isEqualTo(link);
            }
        });
        assertThat(files.get(blobPath(layer))).isEqualTo(layerBytes);
        assertThat(files.get(blobPath(config))).isEqualTo(configBytes);
        assertThat(files.get(blobPath(manifest.descriptor()))).isEqualTo(manifest.bytes());
    }

    private static String blobPath(Descriptor blob) {
        String hex = blob.digest().hex();
        return "docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data";
    }

    /** Every regular file under the root, by relative path. */
    private Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        }
        return files;
    }
}
