package dev.berth.gc.text;

import dev.berth.api.Digest;
import dev.berth.gc.GcListener;
import dev.berth.gc.GcReport;
import dev.berth.gc.RepositoryMarking;
import dev.berth.gc.usage.UsageFormat;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints a collection the way distribution's {@code registry garbage-collect} does, line for
 * line, so scripts that read its output keep working: per repository its name, then
 * {@code <repo>: marking manifest <digest> } (with distribution's trailing space) followed by
 * {@code <repo>: marking blob <digest>} for each reference, or
 * {@code manifest eligible for deletion: <digest>}; then an empty line,
 * {@code N blobs marked, N blobs and N manifests eligible for deletion} and one
 * {@code blob eligible for deletion: <digest>} per blob. After those come distribution 3's
 * {@code <repo>: layer link eligible for deletion: <digest>} lines and one line of Berth's own
 * with the bytes freed. {@code quiet} leaves out the per-item lines.
 */
public final class DistributionLines implements GcListener {

    private final PrintStream out;
    private final boolean quiet;

    public DistributionLines(PrintStream out, boolean quiet) {
        this.out = Objects.requireNonNull(out, "out");
        this.quiet = quiet;
    }

    @Override
    public void repositoryMarked(RepositoryMarking marking) {
        if (quiet) {
            return;
        }
        String repo = marking.repository().value();
        out.println(repo);
        for (RepositoryMarking.Verdict verdict : marking.manifests()) {
            if (verdict.kept()) {
                out.println(repo + ": marking manifest " + verdict.manifest() + " ");
                for (Digest reference : verdict.references()) {
                    out.println(repo + ": marking blob " + reference);
                }
            } else {
                out.println("manifest eligible for deletion: " + verdict.manifest());
            }
        }
    }

    /** The summary and the per-blob lines, once the collection is done. */
    public void finish(GcReport report) {
        out.println();
        out.println(report.markedBlobs() + " blobs marked, " + report.deletedBlobs().size() + " blobs and "
                + report.deletedManifests().size() + " manifests eligible for deletion");
        if (!quiet) {
            for (GcReport.DeletedBlob blob : report.deletedBlobs()) {
                out.println("blob eligible for deletion: " + blob.digest());
            }
            for (GcReport.LayerLink link : report.deletedLayerLinks()) {
                out.println(link.repository() + ": layer link eligible for deletion: " + link.digest());
            }
        }
        out.println(String.format(Locale.ROOT, "%s %d bytes (%s)%s in %.1f s",
                report.dryRun() ? "would free" : "freed", report.bytesFreed(), UsageFormat.human(report.bytesFreed()),
                report.sparedBlobs() > 0 ? "; " + report.sparedBlobs() + " blobs younger than the grace period kept" : "",
                report.duration().toNanos() / 1e9));
        out.flush();
    }
}
