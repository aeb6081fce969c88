package dev.berth.storage.copy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.filesystem.FilesystemDriver;
import dev.berth.storage.inmemory.InMemoryDriver;
import dev.berth.storage.layout.Layout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageCopierTest {

    private static final RepositoryName REPO = RepositoryName.parse("group/app");
    private static final Tag LATEST = Tag.parse("latest");

    @TempDir
    Path directory;
    private StorageDriver source;
    private StorageDriver destination;
    private Digest layer;
    private Digest manifest;

    @BeforeEach
    void givenARegistryWithAnUploadInProgress() throws IOException {
        source = new FilesystemDriver(directory);
        destination = new InMemoryDriver();
        layer = putBlob(source, "layer bytes ".repeat(50_000));
        manifest = putBlob(source, "{\"schemaVersion\":2}");
        source.putContent(Layout.layerLink(REPO, layer), bytes(layer.toString()));
        source.putContent(Layout.revisionLink(REPO, manifest), bytes(manifest.toString()));
        source.putContent(Layout.tagCurrentLink(REPO, LATEST), bytes(manifest.toString()));
        source.putContent(Layout.uploadData(REPO, "b1f2c3d4-0000-4000-8000-000000000001"), bytes("partial"));
        source.putContent(Layout.uploadStartedAt(REPO, "b1f2c3d4-0000-4000-8000-000000000001"), bytes("2026-11-27T08:00:00Z"));
    }

    @AfterEach
    void closeDrivers() throws IOException {
        source.close();
        destination.close();
    }

    private static Digest putBlob(StorageDriver driver, String content) throws IOException {
        Digest digest = Digest.sha256(bytes(content));
        driver.putContent(Layout.blobData(digest), bytes(content));
        return digest;
    }

    @Test
    void copiesEverythingButUploadsAndTheCountsMatch() throws IOException {
        RecordingListener listener = new RecordingListener();

        CopyReport report = StorageCopier.builder(source, destination).listener(listener).build().run();

        assertThat(report.sourceFiles()).isEqualTo(5);
        assertThat(report.copiedFiles()).isEqualTo(5);
        assertThat(report.destinationFiles()).isEqualTo(5);
        assertThat(report.succeeded()).isTrue();
        assertThat(destination.getContent(Layout.blobData(layer))).isEqualTo(source.getContent(Layout.blobData(layer)));
        assertThat(destination.getContent(Layout.tagCurrentLink(REPO, LATEST))).isEqualTo(bytes(manifest.toString()));
        assertThatThrownBy(() -> destination.stat(Layout.uploads(REPO))).isInstanceOf(PathNotFoundException.class);
        assertThat(listener.copied).contains(Layout.blobData(layer), Layout.tagCurrentLink(REPO, LATEST)).hasSize(5);
    }

    @Test
    void aSecondRunSkipsWhatIsAlreadyThere() throws IOException {
        StorageCopier.builder(source, destination).build().run();

        CopyReport again = StorageCopier.builder(source, destination).parallelism(2).build().run();

        assertThat(again.copiedFiles()).isZero();
        assertThat(again.skippedFiles()).isEqualTo(5);
        assertThat(again.succeeded()).isTrue();
    }

    @Test
    void aTagMovedSinceTheLastRunIsCopiedAgainThoughItsLinkKeptItsSize() throws IOException {
        StorageCopier.builder(source, destination).build().run();
        Digest newer = putBlob(source, "{\"schemaVersion\":3}");
        source.putContent(Layout.revisionLink(REPO, newer), bytes(newer.toString()));
        source.putContent(Layout.tagCurrentLink(REPO, LATEST), bytes(newer.toString()));

        CopyReport sync = StorageCopier.builder(source, destination).build().run();

        assertThat(sync.copiedFiles()).isEqualTo(3);
        assertThat(destination.getContent(Layout.tagCurrentLink(REPO, LATEST))).isEqualTo(bytes(newer.toString()));
    }

    @Test
    void aBlobWhoseBytesDoNotMatchItsDigestIsNotCopied() throws IOException {
        source.putContent(Layout.blobData(layer), bytes("tampered"));
        RecordingListener listener = new RecordingListener();

        CopyReport report = StorageCopier.builder(source, destination).listener(listener).build().run();

        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.path()).isEqualTo(Layout.blobData(layer));
            assertThat(failure.reason()).contains("does not match its digest");
        });
        assertThat(listener.failed).containsExactly(Layout.blobData(layer));
        assertThat(report.succeeded()).isFalse();
        assertThat(report.countsMatch()).isFalse();
        assertThatThrownBy(() -> destination.stat(Layout.blobData(layer))).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void aDryRunWritesNothingAndSaysWhatItWouldCopy() throws IOException {
        CopyReport report = StorageCopier.builder(source, destination).dryRun(true).build().run();

        assertThat(report.dryRun()).isTrue();
        assertThat(report.copiedFiles()).isEqualTo(5);
        assertThat(report.destinationFiles()).isZero();
        assertThat(report.succeeded()).isTrue();
        assertThat(destination.list("/")).isEmpty();
    }

    @Test
    void deleteRemovesWhatOnlyTheDestinationHasButLeavesItsUploads() throws IOException {
        StorageCopier.builder(source, destination).build().run();
        Digest stale = putBlob(destination, "garbage collected at the source");
        destination.putContent(Layout.uploadData(REPO, "c0ffee00-0000-4000-8000-000000000002"), bytes("in flight"));

        CopyReport dryRun = StorageCopier.builder(source, destination).deleteExtraneous(true).dryRun(true).build().run();
        CopyReport sync = StorageCopier.builder(source, destination).deleteExtraneous(true).build().run();

        assertThat(dryRun.deletedFiles()).isOne();
        assertThat(dryRun.countsMatch()).isFalse();
        assertThat(sync.deletedFiles()).isOne();
        assertThat(sync.countsMatch()).isTrue();
        assertThatThrownBy(() -> destination.stat(Layout.blobData(stale))).isInstanceOf(PathNotFoundException.class);
        assertThat(destination.getContent(Layout.uploadData(REPO, "c0ffee00-0000-4000-8000-000000000002")))
                .isEqualTo(bytes("in flight"));
    }

    @Test
    void anEmptySourceCopiesNothing() throws IOException {
        try (StorageDriver empty = new InMemoryDriver()) {
            CopyReport report = StorageCopier.builder(empty, destination).build().run();

            assertThat(report.sourceFiles()).isZero();
            assertThat(report.succeeded()).isTrue();
        }
    }

    @Test
    void onlyBlobDataPathsNameADigest() {
        assertThat(StorageCopier.blobDigest(Layout.blobData(layer))).hasValue(layer);
        for (String path : List.of(Layout.layerLink(REPO, layer), Layout.blob(layer),
                Layout.blobs() + "/sha256/zz/" + layer.hex() + "/data", Layout.blobs() + "/sha256/ab/abcd/data")) {
            assertThat(StorageCopier.blobDigest(path)).as(path).isEmpty();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static final class RecordingListener implements CopyListener {
        final Set<String> copied = ConcurrentHashMap.newKeySet();
        final Set<String> failed = ConcurrentHashMap.newKeySet();

        @Override
        public void copied(String path, long size) {
            copied.add(path);
        }

        @Override
        public void failed(String path, Exception error) {
            failed.add(path);
        }
    }
}
