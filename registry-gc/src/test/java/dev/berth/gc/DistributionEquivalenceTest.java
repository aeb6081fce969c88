package dev.berth.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.Digest;
import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.Registry;
import dev.berth.gc.GcReport.DeletedBlob;
import dev.berth.gc.GcReport.DeletedManifest;
import dev.berth.gc.text.DistributionLines;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.filesystem.FilesystemDriver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs distribution 2.8's own {@code garbage-collect} (Debian's {@code docker-registry}) and
 * ours on the same filesystem store, filled through our API, and compares what each would
 * delete. Without {@code -m} the sets must be identical, and so must the output lines. With
 * {@code -m} ours must be distribution's minus exactly what distribution wrongly deletes: the
 * child manifests of tagged indexes (and the configs and layers only they reference) and the
 * referrers of kept images.
 */
class DistributionEquivalenceTest {

    private static final Path DISTRIBUTION = Path.of("/usr/bin/docker-registry");

    @TempDir
    Path dir;

    private Path root;
    private Registry registry;
    private Images images;
    /** What distribution 2.8 deletes with -m and must not: index children, referrers, and what only they hold. */
    private final Set<Digest> bugVictims = new HashSet<>();

    @BeforeEach
    void fillStore() {
        root = dir.resolve("store");
        registry = StorageRegistry.builder(new FilesystemDriver(root)).build();
        images = new Images(registry);

        // Overlapping layers within and across repositories.
        images.image("library/base", "3.19", "alpine-rootfs");
        Manifest webV1 = images.image("team/web", "v1", "alpine-rootfs", "web-v1");
        Manifest webV2 = images.image("team/web", "v2", "alpine-rootfs", "web-v2");
        images.image("team/api", "v1", "alpine-rootfs", "api-v1", "web-v1");
        // Re-pushed tag: v2 moves to a new image, the old one is left untagged.
        images.image("team/web", null, "alpine-rootfs", "web-v2-rebuilt");
        images.repo("team/web").tags().tag(Tag.parse("v2"), images.image("team/web", null, "alpine-rootfs", "web-v2-final").digest());
        // A deleted manifest: its revision goes, its blobs stay until collected.
        Manifest deleted = images.image("team/api", "tmp", "api-tmp-layer");
        images.repo("team/api").manifests().delete(deleted.digest());
        // Indexes: one tagged (its children untagged, as buildx pushes them), one untagged.
        Manifest amd64 = images.image("team/multi", null, "alpine-rootfs", "multi-amd64");
        Manifest arm64 = images.image("team/multi", null, "multi-arm64");
        images.index("team/multi", "latest", amd64, arm64);
        Manifest oldChild = images.image("team/multi", null, "multi-old");
        images.index("team/multi", null, oldChild);
        // A signature of a kept image, and one of an image whose tag moved away.
        Manifest signature = images.referrer("team/web", webV1, "cosign signature");
        images.referrer("team/web", webV2, "signature of the replaced v2");
        // Uploads nobody referenced.
        images.layer("team/web", "orphan one");
        images.layer("library/base", "orphan two");

        for (Manifest victim : List.of(amd64, arm64, signature)) {
            bugVictims.add(victim.digest());
            victim.references().forEach(d -> bugVictims.add(d.digest()));
        }
        // The shared base layer stays referenced by tagged images in distribution too.
        bugVictims.remove(Digest.sha256("alpine-rootfs".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void withoutRemoveUntaggedOursPrintsAndDeletesExactlyWhatDistributionDoes() throws Exception {
        assumeTrue(Files.isExecutable(DISTRIBUTION),
                "distribution 2.8 is not installed (apt-get install docker-registry); equivalence not checked");
        String theirs = distribution(false);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        GcReport report = ours(false, ours);

        assertThat(eligible(theirs, "blob")).isEqualTo(digests(report.deletedBlobs().stream().map(DeletedBlob::digest)))
                .isNotEmpty();
        assertThat(eligible(theirs, "manifest")).isEmpty();
        assertThat(report.deletedManifests()).isEmpty();
        // Line for line, except for the order of the blob lines (Go's map order) and the lines
        // distribution 2.8 does not have: distribution 3's layer-link lines and our bytes freed.
        List<String> ourLines = sortedLines(ours.toString(StandardCharsets.UTF_8)).stream()
                .filter(l -> !l.contains(": layer link eligible for deletion: ") && !l.startsWith("would free "))
                .toList();
        assertThat(ourLines).isEqualTo(sortedLines(theirs));
    }

    @Test
    void withRemoveUntaggedOursDeletesDistributionsSetMinusIndexChildrenAndReferrers() throws Exception {
        assumeTrue(Files.isExecutable(DISTRIBUTION),
                "distribution 2.8 is not installed (apt-get install docker-registry); equivalence not checked");
        String theirs = distribution(true);
        GcReport report = ours(true, new ByteArrayOutputStream());

        Set<Digest> ourBlobs = digests(report.deletedBlobs().stream().map(DeletedBlob::digest));
        Set<Digest> ourManifests = digests(report.deletedManifests().stream().map(DeletedManifest::digest));
        Set<Digest> theirBlobs = eligible(theirs, "blob");
        Set<Digest> theirManifests = eligible(theirs, "manifest");

        assertThat(theirBlobs).containsAll(ourBlobs);
        assertThat(theirManifests).containsAll(ourManifests);
        Set<Digest> onlyTheirs = new HashSet<>(theirBlobs);
        onlyTheirs.removeAll(ourBlobs);
        onlyTheirs.addAll(theirManifests.stream().filter(d -> !ourManifests.contains(d)).toList());
        // Every difference is one of the bug's victims, and every victim is a difference.
        assertThat(onlyTheirs).isEqualTo(bugVictims.stream()
                .filter(d -> theirBlobs.contains(d) || theirManifests.contains(d)).collect(Collectors.toSet()))
                .isNotEmpty();
        assertThat(ourManifests).isNotEmpty();
    }

    private GcReport ours(boolean removeUntagged, ByteArrayOutputStream output) throws InterruptedException {
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        DistributionLines lines = new DistributionLines(out, false);
        GcReport report = new GarbageCollector(registry).collect(GcOptions.builder().offline().dryRun(true)
                .removeUntagged(removeUntagged).listener(lines).build());
        lines.finish(report);
        return report;
    }

    private String distribution(boolean removeUntagged) throws IOException, InterruptedException {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: "
                + root + "\n");
        List<String> command = removeUntagged
                ? List.of(DISTRIBUTION.toString(), "garbage-collect", "--dry-run", "-m", config.toString())
                : List.of(DISTRIBUTION.toString(), "garbage-collect", "--dry-run", config.toString());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("docker-registry exit status; output:\n%s", output).isZero();
        return output;
    }

    private static Set<Digest> eligible(String output, String kind) {
        String prefix = kind + " eligible for deletion: ";
        return output.lines().filter(l -> l.startsWith(prefix))
                .map(l -> Digest.parse(l.substring(prefix.length()).trim()))
                .collect(Collectors.toSet());
    }

    private static Set<Digest> digests(Stream<Digest> digests) {
        return digests.collect(Collectors.toSet());
    }

    private static List<String> sortedLines(String output) {
        return output.lines().sorted().toList();
    }
}
