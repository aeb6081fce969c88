package dev.berth.storage.copy;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link StorageCopier} run did. File counts leave out {@code _uploads}, as GitLab's
 * migration check does: uploads in progress are not copied.
 *
 * @param dryRun nothing was written or deleted
 * @param sourceFiles files at the source
 * @param copiedFiles files copied (in a dry run: that would be)
 * @param copiedBytes their bytes
 * @param skippedFiles files already at the destination with the same content
 * @param deletedFiles destination-only files deleted (in a dry run: that would be)
 * @param destinationFiles files at the destination after the run
 * @param failures files that could not be copied or deleted
 */
public record CopyReport(boolean dryRun, long sourceFiles, long copiedFiles, long copiedBytes, long skippedFiles,
        long deletedFiles, long destinationFiles, List<Failure> failures) {

    public CopyReport {
        failures = List.copyOf(failures);
    }

    /** One file that failed, and why. */
    public record Failure(String path, String reason) {
        public Failure {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The destination holds as many files as the source: the check before switching storage. */
    public boolean countsMatch() {
        return sourceFiles == destinationFiles;
    }

    /** Nothing failed and, unless this was a dry run, the counts match. */
    public boolean succeeded() {
        return failures.isEmpty() && (dryRun || countsMatch());
    }
}
