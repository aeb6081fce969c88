package dev.berth.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.ErrorCode;
import dev.berth.api.MediaType;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.BlobUploads.UploadInfo;
import dev.berth.api.store.Repository;
import dev.berth.storage.driver.FaultInjectingDriver;
import dev.berth.storage.inmemory.InMemoryDriver;
import dev.berth.storage.layout.Layout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StorageRegistryUploadTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

    private final InMemoryDriver driver = new InMemoryDriver();
    private final StorageRegistry registry = StorageRegistry.builder(driver)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .copyBuffers(2, 1024)
            .build();
    private final Repository repository = registry.repository(RepositoryName.parse("library/app"));

    @Test
    void chunkedUploadCommitsToTheDigestOfItsBytes() throws IOException {
        byte[] content = random(10_000);
        BlobUpload upload = repository.uploads().start();
        upload.append(new ByteArrayInputStream(content, 0, 3_000), 0);
        long size = repository.uploads().resume(upload.id()).append(new ByteArrayInputStream(content, 3_000, 7_000), 3_000);

        Descriptor blob = repository.uploads().resume(upload.id()).commit(Digest.sha256(content), OptionalLong.of(10_000));

        assertThat(size).isEqualTo(10_000);
        assertThat(blob).isEqualTo(Descriptor.of(MediaType.OCTET_STREAM, Digest.sha256(content), 10_000));
        try (InputStream in = repository.blobs().open(blob.digest(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(repository.uploads().list()).isEmpty();
    }

    @Test
    void appendAtAnOffsetOtherThanTheSizeIsRangeInvalid() {
        BlobUpload upload = repository.uploads().start();
        upload.append(new ByteArrayInputStream(new byte[100]), 0);

        assertThatThrownBy(() -> upload.append(new ByteArrayInputStream(new byte[10]), 50))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RANGE_INVALID));
        assertThat(upload.size()).isEqualTo(100);
    }

    @Test
    void wrongDigestIsDigestInvalidAndLeavesNothingVisible() {
        byte[] content = "layer".getBytes(UTF_8);
        Digest claimed = Digest.sha256("other".getBytes(UTF_8));
        BlobUpload upload = repository.uploads().start();
        upload.append(new ByteArrayInputStream(content), 0);

        assertThatThrownBy(() -> upload.commit(claimed, OptionalLong.empty()))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID));
        assertThat(registry.blobs().stat(claimed)).isEmpty();
        assertThat(registry.blobs().stat(Digest.sha256(content))).isEmpty();
        assertThat(repository.blobs().stat(claimed)).isEmpty();
        assertThat(repository.uploads().list()).isEmpty();
    }

    @Test
    void wrongSizeIsSizeInvalidAndLeavesNothingVisible() {
        byte[] content = "layer".getBytes(UTF_8);
        BlobUpload upload = repository.uploads().start();
        upload.append(new ByteArrayInputStream(content), 0);

        assertThatThrownBy(() -> upload.commit(Digest.sha256(content), OptionalLong.of(6)))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SIZE_INVALID));
        assertThat(registry.blobs().stat(Digest.sha256(content))).isEmpty();
    }

    @Test
    void uploadResumedByAFreshRegistryRehashesWhatIsOnStorage() {
        byte[] content = random(5_000);
        BlobUpload upload = repository.uploads().start();
        upload.append(new ByteArrayInputStream(content, 0, 2_000), 0);

        StorageRegistry restarted = StorageRegistry.builder(driver).build();
        Repository again = restarted.repository(repository.name());
        BlobUpload resumed = again.uploads().resume(upload.id());
        resumed.append(new ByteArrayInputStream(content, 2_000, 3_000), resumed.size());
        Descriptor blob = resumed.commit(Digest.sha256(content), OptionalLong.of(5_000));

        assertThat(resumed.startedAt()).isEqualTo(NOW);
        assertThat(blob.digest()).isEqualTo(Digest.sha256(content));
        assertThat(repository.blobs().stat(blob.digest())).isPresent();
    }

    @Test
    void uploadMovingBetweenNodesOnObjectStorageIsReadBackOnceAtCommit() {
        byte[] content = random(9_000);
        InProgressInvisibleDriver objectStorage = new InProgressInvisibleDriver(driver);
        String id = node(objectStorage).uploads().start().id();
        for (int offset = 0; offset < content.length; offset += 3_000) {
            BlobUpload onAnotherNode = node(objectStorage).uploads().resume(id);
            assertThat(onAnotherNode.size()).isEqualTo(offset);
            onAnotherNode.append(new ByteArrayInputStream(content, offset, 3_000), offset);
        }

        Descriptor blob = node(objectStorage).uploads().resume(id).commit(Digest.sha256(content), OptionalLong.of(9_000));

        assertThat(blob.digest()).isEqualTo(Digest.sha256(content));
        assertThat(objectStorage.reads()).isEqualTo(1);
    }

    @Test
    void commitWithASha512DigestVerifiesWithThatAlgorithm() throws IOException {
        byte[] content = random(3_000);
        Digest sha512 = Digest.of(DigestAlgorithm.SHA512, content);
        BlobUpload upload = repository.uploads().start();
        upload.append(new ByteArrayInputStream(content), 0);

        Descriptor blob = upload.commit(sha512, OptionalLong.empty());

        assertThat(blob.digest()).isEqualTo(sha512);
        assertThat(driver.stat(Layout.blobData(sha512)).size()).isEqualTo(3_000);
    }

    @Test
    void emptyBlobCanBeCommitted() {
        Descriptor blob = repository.uploads().start().commit(Digest.sha256(new byte[0]), OptionalLong.of(0));

        assertThat(repository.blobs().stat(blob.digest())).get().extracting(info -> info.size()).isEqualTo(0L);
    }

    @Test
    void failedAppendIsRehashedFromStorageAtCommit() {
        byte[] content = random(6_000);
        FaultInjectingDriver faulty = FaultInjectingDriver.failingOnce(driver, 4, FaultInjectingDriver.Timing.AFTER);
        Repository flaky = StorageRegistry.builder(faulty).copyBuffers(2, 1024).build().repository(repository.name());
        BlobUpload upload = flaky.uploads().start(); // operations 1 and 2

        assertThatThrownBy(() -> upload.append(new ByteArrayInputStream(content), 0)) // 3: writer, 4: first write
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        BlobUpload resumed = flaky.uploads().resume(upload.id());
        resumed.append(new ByteArrayInputStream(content, (int) resumed.size(), content.length - (int) resumed.size()),
                resumed.size());

        assertThat(resumed.commit(Digest.sha256(content), OptionalLong.of(6_000)).digest()).isEqualTo(Digest.sha256(content));
    }

    @Test
    void resumingAnUnknownOrMalformedUploadIsBlobUploadUnknown() {
        for (String id : new String[] {"3f0e0000-0000-4000-8000-000000000000", "../../../blobs", ""}) {
            assertThatThrownBy(() -> repository.uploads().resume(id))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        }
    }

    @Test
    void cancelDiscardsTheUpload() {
        BlobUpload upload = repository.uploads().start();
        upload.append(new ByteArrayInputStream(new byte[10]), 0);

        upload.cancel();

        assertThatThrownBy(() -> repository.uploads().resume(upload.id())).isInstanceOf(RegistryException.class);
        assertThat(repository.uploads().list()).isEmpty();
    }

    @Test
    void uploadsAreListedWithWhenTheyStarted() {
        BlobUpload upload = repository.uploads().start();

        assertThat(repository.uploads().list()).containsExactly(new UploadInfo(upload.id(), NOW));
        assertThat(new String(registryFile(Layout.uploadStartedAt(repository.name(), upload.id())), UTF_8))
                .isEqualTo("2026-11-27T09:00:00Z");
    }

    @Test
    void repositorySeesOnlyBlobsLinkedIntoIt() {
        Descriptor blob = Images.pushBlob(repository, "mine", MediaType.OCI_LAYER);
        Repository other = registry.repository(RepositoryName.parse("other"));

        assertThat(other.blobs().stat(blob.digest())).isEmpty();
        assertThatThrownBy(() -> other.blobs().open(blob.digest(), 0))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UNKNOWN));
        assertThat(registry.blobs().stat(blob.digest())).isPresent();
    }

    @Test
    void mountLinksABlobFromAnotherRepositoryWithoutCopying() {
        Descriptor blob = Images.pushBlob(repository, "shared", MediaType.OCI_LAYER);
        Repository other = registry.repository(RepositoryName.parse("other"));

        Optional<Descriptor> mounted = other.uploads().mount(blob.digest(), Optional.of(repository.name()));

        assertThat(mounted).get().extracting(Descriptor::size).isEqualTo(6L);
        assertThat(other.blobs().stat(blob.digest())).isPresent();
        assertThat(other.uploads().mount(Digest.sha256(new byte[] {1}), Optional.of(repository.name()))).isEmpty();
        assertThat(registry.repository(RepositoryName.parse("third")).uploads()
                .mount(blob.digest(), Optional.of(RepositoryName.parse("nowhere")))).isEmpty();
    }

    @Test
    void deletingARepositoryBlobOnlyUnlinksIt() {
        Descriptor blob = Images.pushBlob(repository, "unlink me", MediaType.OCI_LAYER);

        repository.blobs().delete(blob.digest());

        assertThat(repository.blobs().stat(blob.digest())).isEmpty();
        assertThat(registry.blobs().stat(blob.digest())).isPresent();
        assertThat(registry.blobs().digests()).contains(blob.digest());
        assertThatThrownBy(() -> repository.blobs().delete(blob.digest())).isInstanceOf(RegistryException.class);
    }

    @Test
    void readingPastTheEndOfABlobIsRangeInvalid() {
        Descriptor blob = Images.pushBlob(repository, "short", MediaType.OCI_LAYER);

        assertThatThrownBy(() -> repository.blobs().open(blob.digest(), 6))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RANGE_INVALID));
    }

    /** A fresh registry process on the same storage: no hash state in memory. */
    private Repository node(InProgressInvisibleDriver storage) {
        return StorageRegistry.builder(storage).copyBuffers(2, 1024).build().repository(repository.name());
    }

    private byte[] registryFile(String path) {
        try {
            return driver.getContent(path);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
