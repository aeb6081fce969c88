package dev.berth.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.Registry;
import dev.berth.gc.GcReport.DeletedBlob;
import dev.berth.gc.GcReport.DeletedManifest;
import dev.berth.gc.GcReport.LayerLink;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GarbageCollectorTest {

    private final Registry registry = StorageRegistry.builder(new InMemoryDriver()).build();
    private final Images images = new Images(registry);
    private final GarbageCollector collector = new GarbageCollector(registry);

    private GcReport collect(boolean removeUntagged) throws InterruptedException {
        return collector.collect(GcOptions.builder().offline().removeUntagged(removeUntagged).build());
    }

    private static List<Digest> blobDigests(GcReport report) {
        return report.deletedBlobs().stream().map(DeletedBlob::digest).toList();
    }

    private static List<Digest> manifestDigests(GcReport report) {
        return report.deletedManifests().stream().map(DeletedManifest::digest).toList();
    }

    @Test
    void blobReferencedByNoManifestIsDeletedAndTaggedImageKept() throws InterruptedException {
        Manifest image = images.image("app", "v1", "base", "app");
        Descriptor orphan = images.layer("app", "uploaded but never referenced");

        GcReport report = collect(false);

        assertThat(blobDigests(report)).containsExactly(orphan.digest());
        assertThat(report.bytesFreed()).isEqualTo(orphan.size());
        assertThat(images.hasBlob(orphan.digest())).isFalse();
        assertThat(images.pulls("app", image)).isTrue();
        assertThat(report.deletedManifests()).isEmpty();
    }

    @Test
    void untaggedManifestAndItsLayersSurviveWithoutRemoveUntagged() throws InterruptedException {
        images.image("app", "v1", "base", "one");
        Manifest untagged = images.image("app", null, "base", "two");

        GcReport report = collect(false);

        assertThat(report.deletedBlobs()).isEmpty();
        assertThat(images.pulls("app", untagged)).isTrue();
        assertThat(report.markedManifests()).isEqualTo(2);
    }

    @Test
    void removeUntaggedDeletesUntaggedManifestAndLayersNoKeptManifestShares() throws InterruptedException {
        Manifest tagged = images.image("app", "v1", "base", "one");
        Manifest untagged = images.image("app", null, "base", "two");
        Descriptor two = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256("two".getBytes()), 3);

        GcReport report = collect(true);

        assertThat(manifestDigests(report)).containsExactly(untagged.digest());
        assertThat(report.deletedManifests().get(0).size()).isEqualTo(untagged.size());
        // The manifest's own content, its config and its own layer go; the shared base stays.
        assertThat(blobDigests(report)).containsExactlyInAnyOrder(
                untagged.digest(), untagged.references().get(0).digest(), two.digest());
        assertThat(images.repo("app").manifests().exists(untagged.digest())).isFalse();
        assertThat(images.pulls("app", tagged)).isTrue();
    }

    @Test
    void childrenOfTaggedIndexSurviveRemoveUntaggedUnlikeDistribution28() throws InterruptedException {
        Manifest amd64 = images.image("multi", null, "base", "amd64");
        Manifest arm64 = images.image("multi", null, "base", "arm64");
        Manifest index = images.index("multi", "latest", amd64, arm64);

        GcReport report = collect(true);

        // distribution 2.8 would list both children as "manifest eligible for deletion" and
        // delete their configs and layers: the multi-arch image would no longer pull.
        assertThat(report.deletedManifests()).isEmpty();
        assertThat(report.deletedBlobs()).isEmpty();
        assertThat(images.pulls("multi", index)).isTrue();
    }

    @Test
    void childrenOfUntaggedIndexGoWithItUnderRemoveUntagged() throws InterruptedException {
        Manifest child = images.image("multi", null, "only-child");
        Manifest index = images.index("multi", null, child);

        GcReport report = collect(true);

        assertThat(manifestDigests(report)).containsExactlyInAnyOrder(index.digest(), child.digest());
    }

    @Test
    void referrerOfKeptImageSurvivesAndReferrerOfDeletedImageGoes() throws InterruptedException {
        Manifest kept = images.image("signed", "v1", "kept-layer");
        Manifest signature = images.referrer("signed", kept, "signature of v1");
        Manifest sbomOfSignature = images.referrer("signed", signature, "sbom of the signature");
        Manifest dropped = images.image("signed", null, "dropped-layer");
        Manifest orphanSignature = images.referrer("signed", dropped, "signature of dropped");

        GcReport report = collect(true);

        assertThat(manifestDigests(report)).containsExactlyInAnyOrder(dropped.digest(), orphanSignature.digest());
        assertThat(images.pulls("signed", signature)).isTrue();
        assertThat(images.pulls("signed", sbomOfSignature)).isTrue();
        assertThat(images.repo("signed").manifests().exists(orphanSignature.digest())).isFalse();
    }

    @Test
    void layerSharedAcrossRepositoriesStaysWhileAnyRepositoryReferencesIt() throws InterruptedException {
        images.image("team/a", null, "shared-base", "a-only");
        Manifest b = images.image("team/b", "v1", "shared-base", "b-only");
        Digest shared = Digest.sha256("shared-base".getBytes());
        Digest aOnly = Digest.sha256("a-only".getBytes());

        GcReport report = collect(true);

        assertThat(blobDigests(report)).contains(aOnly).doesNotContain(shared);
        assertThat(images.pulls("team/b", b)).isTrue();
        // The layer link of the deleted blob goes from team/a; team/a's link to the kept blob stays.
        assertThat(report.deletedLayerLinks()).contains(new LayerLink(images.repo("team/a").name(), aOnly));
        assertThat(images.repo("team/a").blobs().stat(aOnly)).isEmpty();
        assertThat(images.repo("team/a").blobs().stat(shared)).isPresent();
    }

    @Test
    void dryRunReportsTheSameAsARealRunAndDeletesNothing() throws InterruptedException {
        images.image("app", "v1", "base", "one");
        images.image("app", null, "base", "two");
        images.layer("app", "orphan");
        List<Digest> before = images.allBlobs();

        GcReport dry = collector.collect(GcOptions.builder().offline().removeUntagged(true).dryRun(true).build());

        assertThat(images.allBlobs()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(images.repo("app").manifests().exists(dry.deletedManifests().get(0).digest())).isTrue();
        GcReport real = collect(true);
        assertThat(real.dryRun()).isFalse();
        assertThat(dry.dryRun()).isTrue();
        assertThat(blobDigests(real)).containsExactlyInAnyOrderElementsOf(blobDigests(dry));
        assertThat(real.deletedManifests()).isEqualTo(dry.deletedManifests());
        assertThat(real.bytesFreed()).isEqualTo(dry.bytesFreed()).isPositive();
    }

    @Test
    void secondRunFindsNothingLeftToDelete() throws InterruptedException {
        images.image("app", "v1", "base");
        images.image("app", null, "gone");
        collect(true);

        GcReport again = collect(true);

        assertThat(again.deletedBlobs()).isEmpty();
        assertThat(again.deletedManifests()).isEmpty();
        assertThat(again.deletedLayerLinks()).isEmpty();
    }

    @Test
    void blobYoungerThanTheGracePeriodIsSparedOnline() throws InterruptedException {
        Descriptor fresh = images.layer("app", "just uploaded, manifest not pushed yet");
        images.image("app", null, "untagged but fresh");

        GcReport online = collector.collect(GcOptions.builder().removeUntagged(true).gracePeriod(Duration.ofHours(1)).build());

        assertThat(online.deletedBlobs()).isEmpty();
        assertThat(online.deletedManifests()).isEmpty();
        assertThat(online.sparedBlobs()).isEqualTo(1);
        assertThat(images.hasBlob(fresh.digest())).isTrue();

        Clock twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        GcReport later = collector.collect(GcOptions.builder().removeUntagged(true).clock(twoHoursLater).build());
        assertThat(blobDigests(later)).contains(fresh.digest());
        assertThat(later.deletedManifests()).hasSize(1);
    }

    @Test
    void listenerHearsEachRepositoryInCatalogOrderWithVerdictsInDigestOrder() throws InterruptedException {
        images.image("b", "v1", "x");
        images.image("a", null, "y");
        images.image("a", "v2", "z");
        List<RepositoryMarking> heard = new ArrayList<>();
        GcListener listener = new GcListener() {
            @Override
            public void repositoryMarked(RepositoryMarking marking) {
                heard.add(marking);
            }
        };

        collector.collect(GcOptions.builder().offline().removeUntagged(true).dryRun(true).listener(listener).build());

        assertThat(heard).extracting(m -> m.repository().value()).containsExactly("a", "b");
        List<RepositoryMarking.Verdict> verdictsOfA = heard.get(0).manifests();
        assertThat(verdictsOfA).extracting(v -> v.manifest().toString()).isSorted();
        assertThat(verdictsOfA).filteredOn(RepositoryMarking.Verdict::kept).hasSize(1)
                .allSatisfy(v -> assertThat(v.references()).hasSize(2));
    }

    @Test
    void interruptDuringMarkLeavesTheStoreUntouched() throws Exception {
        images.image("a", "v1", "x");
        images.image("a", null, "y");
        images.layer("a", "orphan");
        images.image("b", null, "w");
        List<Digest> before = images.allBlobs();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread gc = new Thread(() -> {
            GcListener interruptAtFirstRepository = new GcListener() {
                @Override
                public void repositoryMarked(RepositoryMarking marking) {
                    Thread.currentThread().interrupt();
                }
            };
            try {
                collector.collect(GcOptions.builder().offline().removeUntagged(true).listener(interruptAtFirstRepository).build());
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        gc.start();
        gc.join();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(images.allBlobs()).containsExactlyInAnyOrderElementsOf(before);
        try (var revisions = images.repo("a").manifests().digests()) {
            assertThat(revisions.count()).isEqualTo(2);
        }
    }

    @Test
    void optionsRefuseNonsense() {
        assertThatThrownBy(() -> GcOptions.builder().parallelism(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GcOptions.builder().gracePeriod(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GcOptions.builder().build().online()).isTrue();
        assertThat(GcOptions.builder().offline().build().online()).isFalse();
    }
}
