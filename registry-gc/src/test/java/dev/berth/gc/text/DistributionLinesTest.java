package dev.berth.gc.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.gc.GcProgress;
import dev.berth.gc.GcReport;
import dev.berth.gc.RepositoryMarking;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionLinesTest {

    private static final Digest KEPT = Digest.sha256("kept".getBytes(StandardCharsets.UTF_8));
    private static final Digest LAYER = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));
    private static final Digest UNTAGGED = Digest.sha256("untagged".getBytes(StandardCharsets.UTF_8));
    private static final RepositoryName APP = RepositoryName.parse("app");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static RepositoryMarking marking() {
        return new RepositoryMarking(APP, List.of(
                new RepositoryMarking.Verdict(KEPT, true, List.of(LAYER)),
                new RepositoryMarking.Verdict(UNTAGGED, false, List.of())));
    }

    private static GcReport report() {
        return new GcReport(true, 2, 1, List.of(new GcReport.DeletedBlob(UNTAGGED, 2048)),
                List.of(new GcReport.DeletedManifest(APP, UNTAGGED, 2048)), List.of(), 0, Duration.ofMillis(1500));
    }

    @Test
    void printsDistributionsLinesWordForWordIncludingItsTrailingSpace() {
        DistributionLines lines = new DistributionLines(out, false);

        lines.repositoryMarked(marking());
        lines.finish(report());

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
                "app",
                "app: marking manifest " + KEPT + " ",
                "app: marking blob " + LAYER,
                "manifest eligible for deletion: " + UNTAGGED,
                "",
                "2 blobs marked, 1 blobs and 1 manifests eligible for deletion",
                "blob eligible for deletion: " + UNTAGGED,
                "would free 2048 bytes (2.0 KiB) in 1.5 s",
                ""));
    }

    @Test
    void quietKeepsOnlyTheSummaryAndBytesFreed() {
        DistributionLines lines = new DistributionLines(out, true);

        lines.repositoryMarked(marking());
        lines.finish(report());

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "", "2 blobs marked, 1 blobs and 1 manifests eligible for deletion",
                "would free 2048 bytes (2.0 KiB) in 1.5 s");
    }

    @Test
    void progressLineShowsPhaseCountsRateAndElapsedTime() {
        ProgressLine progress = new ProgressLine(out);

        progress.progress(new GcProgress(GcProgress.Phase.READ_MANIFESTS, 5000, 5000, Duration.ofSeconds(65)));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .startsWith("\rread manifests  5,000/5,000  77/s  1:05");
    }
}
