package dev.berth.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.ErrorCode;
import dev.berth.api.MediaType;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.Repository;
import dev.berth.storage.driver.ForwardingStorageDriver;
import dev.berth.storage.filesystem.FilesystemDriver;
import dev.berth.storage.inmemory.InMemoryDriver;
import dev.berth.storage.layout.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's half of the online garbage collection protocol (the collector's is in
 * registry-gc): the collector unlinks the blobs it will delete, looks at every repository's
 * manifests once more, and deletes only blobs still older than its grace period. A push racing
 * it must either be seen by that second look or fail, never succeed with a blob about to go.
 */
class OnlineCollectionRaceTest {

    private static final RepositoryName NAME = RepositoryName.parse("race/app");

    @Test
    void aManifestWhoseLayerIsUnlinkedWhileItIsPutIsRefusedAndLeavesNoRevision() {
        InMemoryDriver driver = new InMemoryDriver();
        Repository seed = StorageRegistry.builder(driver).build().repository(NAME);
        Descriptor layer = Images.pushBlob(seed, "old layer", MediaType.OCI_LAYER_GZIP);
        Descriptor config = Images.pushBlob(seed, "{\"os\":\"linux\"}", MediaType.OCI_CONFIG);
        Manifest manifest = Images.parse(Images.imageManifest(config, List.of(layer)));
        // The collector unlinks the layer just as the revision link is written, after the
        // put checked its references.
        String revision = Layout.revisionLink(NAME, manifest.digest());
        Repository racing = StorageRegistry.builder(new DeleteWhenWritten(driver, revision,
                Layout.layerLink(NAME, layer.digest()))).build().repository(NAME);

        assertThatThrownBy(() -> racing.manifests().put(manifest))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN));
        assertThat(racing.manifests().exists(manifest.digest())).isFalse();
    }

    @Test
    void uploadingABlobThatIsAlreadyStoredMakesItYoungAgain(@TempDir Path root) throws IOException {
        Repository repository = StorageRegistry.builder(new FilesystemDriver(root)).build().repository(NAME);
        Descriptor blob = Images.pushBlob(repository, "garbage about to be collected", MediaType.OCI_LAYER_GZIP);
        Path data = root.resolve(Layout.blobData(blob.digest()).substring(1));
        Instant longAgo = Instant.now().minus(Duration.ofDays(30));
        Files.setLastModifiedTime(data, FileTime.from(longAgo));

        Images.pushBlob(repository, "garbage about to be collected", MediaType.OCI_LAYER_GZIP);

        assertThat(repository.blobs().stat(blob.digest()).orElseThrow().modifiedAt())
                .isAfter(longAgo.plus(Duration.ofDays(29)));
    }

    /** Deletes {@code victim} right after {@code trigger} is written: another process's step, at the worst moment. */
    private static final class DeleteWhenWritten extends ForwardingStorageDriver {
        private final String trigger;
        private final String victim;

        DeleteWhenWritten(InMemoryDriver delegate, String trigger, String victim) {
            super(delegate);
            this.trigger = trigger;
            this.victim = victim;
        }

        @Override
        public void putContent(String path, byte[] content) throws IOException {
            super.putContent(path, content);
            if (path.equals(trigger)) {
                delete(victim);
            }
        }
    }
}
