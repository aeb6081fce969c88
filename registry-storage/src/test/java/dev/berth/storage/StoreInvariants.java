package dev.berth.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.manifest.ImageIndex;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.Registry;
import dev.berth.api.store.Repository;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.layout.Layout;
import java.io.IOException;
import java.util.List;

/** What must hold of storage whatever happened to it: no link points at missing content. */
final class StoreInvariants {

    private StoreInvariants() {
    }

    /** Checks every tag, revision and layer link of the repositories, reading storage afresh. */
    static void assertConsistent(StorageDriver driver, List<RepositoryName> names) throws IOException {
        Registry registry = StorageRegistry.builder(driver).build();
        for (RepositoryName name : names) {
            Repository repository = registry.repository(name);
            for (String tagDirectory : list(driver, Layout.tags(name))) {
                Tag tag = Tag.parse(StoragePaths.baseName(tagDirectory));
                repository.tags().resolve(tag).ifPresent(digest -> assertThat(repository.manifests().exists(digest))
                        .as("tag %s of %s points at stored manifest %s", tag, name, digest).isTrue());
            }
            for (Digest revision : repository.manifests().digests().toList()) {
                Manifest manifest = repository.manifests().get(revision).orElseThrow(
                        () -> new AssertionError("revision " + revision + " of " + name + " has no content"));
                for (Descriptor reference : manifest.references()) {
                    boolean present = manifest instanceof ImageIndex
                            ? repository.manifests().exists(reference.digest())
                            : repository.blobs().stat(reference.digest()).isPresent();
                    assertThat(present).as("%s of %s references %s", revision, name, reference.digest()).isTrue();
                }
            }
            for (Digest layer : repository.blobs().digests().toList()) {
                assertThat(registry.blobs().stat(layer)).as("layer link %s of %s", layer, name).isPresent();
            }
        }
    }

    private static List<String> list(StorageDriver driver, String path) throws IOException {
        try {
            return driver.list(path);
        } catch (dev.berth.storage.driver.PathNotFoundException e) {
            return List.of();
        }
    }
}
