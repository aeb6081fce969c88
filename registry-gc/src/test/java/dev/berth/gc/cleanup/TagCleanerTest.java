package dev.berth.gc.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.Registry;
import dev.berth.gc.GarbageCollector;
import dev.berth.gc.GcOptions;
import dev.berth.gc.GcReport;
import dev.berth.gc.Images;
import dev.berth.gc.MutableClock;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagCleanerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Registry registry = StorageRegistry.builder(new InMemoryDriver(clock)).clock(clock).build();
    private final Images images = new Images(registry);
    private final TagCleaner cleaner = new TagCleaner(registry, clock);

    /** Pushes tags one day apart, oldest first. */
    private void pushDaily(String repository, String... tags) {
        for (String tag : tags) {
            images.image(repository, tag, "layer of " + tag);
            clock.advance(Duration.ofDays(1));
        }
    }

    private List<String> tagsOf(String repository) {
        return images.repo(repository).tags().list(null, 100).items().stream().map(Tag::value).toList();
    }

    private static List<String> removed(CleanupReport report) {
        return report.removed().stream().map(t -> t.tag().value()).toList();
    }

    @Test
    void keepNKeepsTheMostRecentTagsAndNeverLatest() {
        pushDaily("app", "latest", "a", "b", "c", "d");

        CleanupReport report = cleaner.run(CleanupPolicies.of(CleanupPolicy.forRepository("app").withKeepN(2)), false);

        assertThat(removed(report)).containsExactly("a", "b");
        assertThat(tagsOf("app")).containsExactly("c", "d", "latest");
    }

    @Test
    void olderThanRemovesOnlyTagsLastWrittenBeforeTheThreshold() {
        pushDaily("app", "a", "b", "c", "d");
        clock.advance(Duration.ofDays(6));
        // Now a is 10 days old, b 9, c 8 and d 7.

        CleanupReport report = cleaner.run(CleanupPolicies.of(
                CleanupPolicy.forRepository("app").withOlderThan(Duration.ofDays(8))), false);

        // Strictly older, as GitLab compares: c, exactly 8 days old, stays.
        assertThat(removed(report)).containsExactly("a", "b");
    }

    @Test
    void keepRegexWinsOverDeleteRegexAndAllFiltersCombineAsInGitLab() {
        pushDaily("app", "v1.0", "dev-1", "dev-2", "dev-3", "v2.0", "dev-4");
        clock.advance(Duration.ofDays(30));

        CleanupPolicy policy = CleanupPolicy.forRepository("app")
                .withNameRegex("dev-.*|v.*")
                .withNameRegexKeep("v\\d+\\.\\d+")
                .withKeepN(1)
                .withOlderThan(Duration.ofDays(7));
        CleanupReport report = cleaner.run(CleanupPolicies.of(policy), false);

        // v* are kept by the keep regex; of dev-*, the newest (dev-4) is kept by keep_n.
        assertThat(removed(report)).containsExactly("dev-1", "dev-2", "dev-3");
        assertThat(tagsOf("app")).containsExactly("dev-4", "v1.0", "v2.0");
    }

    @Test
    void dryRunListsWhatWouldGoAndUntagsNothing() {
        pushDaily("app", "a", "b", "c");

        CleanupReport report = cleaner.run(CleanupPolicies.of(CleanupPolicy.forRepository("app").withKeepN(1)), true);

        assertThat(report.dryRun()).isTrue();
        assertThat(removed(report)).containsExactly("a", "b");
        assertThat(tagsOf("app")).containsExactly("a", "b", "c");
    }

    @Test
    void policiesApplyPerRepositoryByNameOrPattern() {
        pushDaily("group/one", "a", "b");
        pushDaily("group/two", "a", "b");
        pushDaily("other", "a", "b");

        CleanupReport report = cleaner.run(CleanupPolicies.of(
                CleanupPolicy.forRepositories("group/.*").withKeepN(1)), false);

        assertThat(report.removed()).extracting(t -> t.repository().value() + ":" + t.tag())
                .containsExactly("group/one:a", "group/two:a");
        assertThat(tagsOf("other")).containsExactly("a", "b");
    }

    @Test
    void cleanupUntagsAndTheCollectorReclaims() throws InterruptedException {
        Manifest old = images.image("app", "old", "layer only old has");
        clock.advance(Duration.ofDays(1));
        images.image("app", "new", "layer new has");

        cleaner.run(CleanupPolicies.of(CleanupPolicy.forRepository("app").withKeepN(1)), false);
        assertThat(images.repo("app").manifests().exists(old.digest())).isTrue();

        GcReport gc = new GarbageCollector(registry).collect(GcOptions.builder().offline().removeUntagged(true).build());

        assertThat(gc.deletedManifests()).extracting(GcReport.DeletedManifest::digest).containsExactly(old.digest());
        assertThat(images.repo("app").manifests().exists(old.digest())).isFalse();
    }
}
