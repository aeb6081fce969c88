package dev.berth.server.cli;

import dev.berth.storage.copy.CopyListener;
import dev.berth.storage.copy.CopyReport;
import dev.berth.storage.copy.StorageCopier;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code berth storage copy [--dry-run] [--delete] [--parallelism N] SRC-config.yml DST-config.yml}:
 * copies the registry data from the storage one config.yml names to the storage the other
 * names, with {@link StorageCopier}. GitLab's migration to object storage without downtime,
 * as one tool: see the README.
 */
final class StorageCommand implements Command {

    private static final Map<String, String> FLAGS = Map.of("--dry-run", "dry-run", "--dryrun", "dry-run",
            "-d", "dry-run", "--delete", "delete");
    private static final Map<String, String> OPTIONS = Map.of("--parallelism", "parallelism", "-p", "parallelism");
    /** A progress line after every so many files. */
    private static final long PROGRESS_EVERY = 1_000;

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public String arguments() {
        return "copy [--dry-run] [--delete] [--parallelism N] SRC-config.yml DST-config.yml";
    }

    @Override
    public String summary() {
        return "copy the registry data to other storage (filesystem to S3, bucket to bucket, …)";
    }

    @Override
    public String details() {
        return """
                Copies every file of the source storage that the destination does not hold with the
                same content, in parallel, verifying each blob against its digest. Uploads in progress
                (_uploads) are left out. Run it while the registry serves, then once more in read-only
                mode for the final sync; the last line compares the file counts of both sides.

                  -d, --dry-run        say what would be copied and deleted; write nothing
                      --delete         delete destination files the source does not have
                  -p, --parallelism N  files copied at once (default 8)
                """;
    }

    @Override
    public int run(List<String> arguments, CommandContext context) throws Exception {
        CommandLine line;
        int parallelism;
        try {
            line = CommandLine.parse(arguments, FLAGS, OPTIONS);
            List<String> positional = line.positional();
            if (positional.size() != 3 || !positional.get(0).equals("copy")) {
                throw new IllegalArgumentException("expected: copy SRC-config.yml DST-config.yml");
            }
            parallelism = Integer.parseInt(line.option("parallelism").orElse("8"));
        } catch (IllegalArgumentException e) {
            context.err().println("berth storage: " + e.getMessage());
            context.err().println("usage: berth storage " + arguments());
            return Main.USAGE;
        }
        String sourceConfig = line.positional().get(1);
        String destinationConfig = line.positional().get(2);
        try (ConfiguredStorage source = ConfiguredStorage.open(sourceConfig, context.environment());
                ConfiguredStorage destination = ConfiguredStorage.open(destinationConfig, context.environment())) {
            if (source.config().storage().driver().driver().equals(destination.config().storage().driver().driver())
                    && source.config().storage().driver().asMap().equals(destination.config().storage().driver().asMap())) {
                context.err().println("berth storage copy: " + sourceConfig + " and " + destinationConfig
                        + " name the same storage");
                return 1;
            }
            boolean dryRun = line.has("dry-run");
            CopyReport report = StorageCopier.builder(source.driver(), destination.driver())
                    .parallelism(parallelism)
                    .dryRun(dryRun)
                    .deleteExtraneous(line.has("delete"))
                    .listener(new Progress(context.out(), dryRun))
                    .build()
                    .run();
            print(report, context.out());
            return report.succeeded() ? 0 : 1;
        }
    }

    private static void print(CopyReport report, PrintStream out) {
        String would = report.dryRun() ? "would copy " : "copied ";
        out.printf(Locale.ROOT, "%s%d files (%s), skipped %d already there, %s %d, failed %d%n", would, report.copiedFiles(),
                bytes(report.copiedBytes()), report.skippedFiles(), report.dryRun() ? "would delete" : "deleted",
                report.deletedFiles(), report.failures().size());
        out.printf(Locale.ROOT, "files without _uploads: source %d, destination %d: %s%n", report.sourceFiles(),
                report.destinationFiles(), report.countsMatch() ? "counts match" : "counts DIFFER");
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %siB", bytes / (double) (1L << (unit * 10)), "KMGTPE".charAt(unit - 1));
    }

    /** Failures and deletions as they happen, and a count every thousand files. */
    private static final class Progress implements CopyListener {
        private final PrintStream out;
        private final String prefix;
        private final AtomicLong files = new AtomicLong();
        private final AtomicLong copiedBytes = new AtomicLong();

        Progress(PrintStream out, boolean dryRun) {
            this.out = out;
            this.prefix = dryRun ? "(dry run) " : "";
        }

        @Override
        public void copied(String path, long size) {
            copiedBytes.addAndGet(size);
            count();
        }

        @Override
        public void skipped(String path, long size) {
            count();
        }

        @Override
        public void deleted(String path) {
            out.println(prefix + "delete: " + path);
        }

        @Override
        public void failed(String path, Exception error) {
            out.println("failed: " + path + ": " + Main.describe(error));
        }

        private void count() {
            long done = files.incrementAndGet();
            if (done % PROGRESS_EVERY == 0) {
                out.println(prefix + done + " files done, " + bytes(copiedBytes.get()) + " copied");
            }
        }
    }
}
