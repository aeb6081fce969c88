package dev.berth.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.Repository;
import dev.berth.storage.driver.Concurrently;
import dev.berth.storage.filesystem.FilesystemDriver;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Races on one store (real files, so the operating system decides the interleaving), each ending consistent. */
class StorageRegistryConcurrencyTest {

    private static final RepositoryName NAME = RepositoryName.parse("race/app");
    private static final int THREADS = 6;

    @TempDir
    Path root;

    @Test
    void uploadsOfTheSameBlobAtOnceAllCommitToOneBlob() throws Exception {
        FilesystemDriver driver = new FilesystemDriver(root);
        Repository repository = StorageRegistry.builder(driver).copyBuffers(2, 4096).build().repository(NAME);
        byte[] content = new byte[200_000];
        new Random(1).nextBytes(content);
        List<Callable<Descriptor>> uploads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            uploads.add(() -> {
                BlobUpload upload = repository.uploads().start();
                for (int offset = 0; offset < content.length; offset += 50_000) {
                    upload.append(new ByteArrayInputStream(content, offset, 50_000), offset);
                }
                return upload.commit(Digest.sha256(content), OptionalLong.of(content.length));
            });
        }

        List<Descriptor> committed = Concurrently.run(uploads);

        assertThat(committed).allMatch(d -> d.digest().equals(Digest.sha256(content)));
        try (InputStream in = repository.blobs().open(Digest.sha256(content), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(repository.uploads().list()).isEmpty();
        StoreInvariants.assertConsistent(driver, List.of(NAME));
    }

    @Test
    void pushesOfTheSameTagAtOnceLeaveItOnOneOfTheManifests() throws Exception {
        FilesystemDriver driver = new FilesystemDriver(root);
        Repository repository = StorageRegistry.builder(driver).build().repository(NAME);
        List<Manifest> manifests = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            manifests.add(Images.pushImage(repository, "image " + t));
        }
        List<Callable<Void>> pushes = new ArrayList<>();
        for (Manifest manifest : manifests) {
            pushes.add(() -> {
                repository.manifests().put(manifest);
                repository.tags().tag(Tag.parse("latest"), manifest.digest());
                return null;
            });
        }

        Concurrently.run(pushes);

        assertThat(manifests.stream().map(Manifest::digest))
                .contains(repository.tags().resolve(Tag.parse("latest")).orElseThrow());
        assertThat(repository.tags().list(null, 10).items()).containsExactly(Tag.parse("latest"));
        assertThat(driver.list(dev.berth.storage.layout.Layout.tagIndex(NAME, Tag.parse("latest")) + "/sha256"))
                .hasSize(THREADS);
        StoreInvariants.assertConsistent(driver, List.of(NAME));
    }

    @Test
    void deleteRacingPutAndTagEndsWithBothOrNeither() throws Exception {
        FilesystemDriver driver = new FilesystemDriver(root);
        Repository repository = StorageRegistry.builder(driver).build().repository(NAME);
        Descriptor config = Images.pushBlob(repository, "{\"os\":\"linux\"}".getBytes(UTF_8), MediaType.OCI_CONFIG);
        for (int round = 0; round < 30; round++) {
            Manifest manifest = Images.parse(Images.imageManifest(config, List.of(
                    Images.pushBlob(repository, "layer " + round, MediaType.OCI_LAYER))));
            Tag tag = Tag.parse("round-" + round);
            Callable<Void> push = () -> {
                repository.manifests().put(manifest);
                try {
                    repository.tags().tag(tag, manifest.digest());
                } catch (RegistryException deletedFirst) {
                    // the delete won between put and tag: the tag must not appear
                }
                return null;
            };
            Callable<Void> delete = () -> {
                try {
                    repository.manifests().delete(manifest.digest());
                } catch (RegistryException notYetPut) {
                    // the delete ran before the put
                }
                return null;
            };

            Concurrently.run(List.of(push, delete));

            boolean stored = repository.manifests().exists(manifest.digest());
            repository.tags().resolve(tag).ifPresent(digest -> assertThat(stored).as("tag implies manifest").isTrue());
        }
        StoreInvariants.assertConsistent(driver, List.of(NAME));
    }
}
