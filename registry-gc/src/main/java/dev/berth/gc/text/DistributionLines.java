package dev.berth.gc.text;

import dev.berth.api.Digest;
import dev.berth.gc.GcListener;
import dev.berth.gc.GcReport;
import dev.berth.gc.RepositoryMarking;
import dev.berth.gc.usage.UsageFormat;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        // A repository's lines go out as one write: a PrintStream encodes and flushes its
        // writer at every println, and a large registry has hundreds of thousands of lines.
        String repo = marking.repository().value();
        StringBuilder lines = new StringBuilder(256 * (1 + marking.manifests().size()));
        newline(lines.append(repo));
        for (RepositoryMarking.Verdict verdict : marking.manifests()) {
            if (verdict.kept()) {
                newline(digest(lines.append(repo).append(": marking manifest "), verdict.manifest()).append(' '));
                for (Digest reference : verdict.references()) {
                    newline(digest(lines.append(repo).append(": marking blob "), reference));
                }
            } else {
                newline(digest(lines.append("manifest eligible for deletion: "), verdict.manifest()));
            }
        }
        write(lines);
    }

    /** Appends the digest's canonical form without making a string of it, as {@code toString} would. */
    private static StringBuilder digest(StringBuilder lines, Digest digest) {
        return lines.append(digest.algorithm().id()).append(':').append(digest.hex());
    }

    private static void newline(StringBuilder lines) {
        lines.append(System.lineSeparator());
    }

    /**
     * Writes the lines as bytes, past the PrintStream's character encoder: they are ASCII
     * (repository names and digests allow nothing else), the same bytes in any charset a
     * terminal or file uses, and a string of them encodes by copying.
     */
    private void write(StringBuilder lines) {
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }

    /** The summary and the per-blob lines, once the collection is done. */
    public void finish(GcReport report) {
        out.println();
        out.println(report.markedBlobs() + " blobs marked, " + report.deletedBlobs().size() + " blobs and "
                + report.deletedManifests().size() + " manifests eligible for deletion");
        if (!quiet) {
            StringBuilder lines = new StringBuilder();
            for (GcReport.DeletedBlob blob : report.deletedBlobs()) {
                newline(digest(lines.append("blob eligible for deletion: "), blob.digest()));
            }
            for (GcReport.LayerLink link : report.deletedLayerLinks()) {
                newline(digest(lines.append(link.repository()).append(": layer link eligible for deletion: "), link.digest()));
            }
            write(lines);
        }
        out.println((report.dryRun() ? "would free " : "freed ") + report.bytesFreed() + " bytes ("
                + UsageFormat.human(report.bytesFreed()) + ")"
                + (report.sparedBlobs() > 0 ? "; " + report.sparedBlobs() + " blobs younger than the grace period kept" : "")
                + " in " + UsageFormat.oneDecimal(report.duration().toNanos() / 1e9) + " s");
        out.flush();
    }
}
