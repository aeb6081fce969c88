package dev.berth.server.cli;

import dev.berth.gc.GarbageCollector;
import dev.berth.gc.GcListener;
import dev.berth.gc.GcListeners;
import dev.berth.gc.GcOptions;
import dev.berth.gc.GcReport;
import dev.berth.gc.text.DistributionLines;
import dev.berth.gc.text.ProgressLine;
import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code berth garbage-collect [-d|--dry-run] [-m|--delete-untagged] [-q|--quiet] [--online] config.yml}:
 * distribution's command, flags and output lines, with progress on stderr when it is a
 * terminal and the bytes freed at the end.
 *
 * <p>Like distribution it runs whether or not the registry is read-only, since it cannot know
 * whether a registry serves the storage; unlike distribution it says so on stderr when the
 * configuration is not read-only. {@code --online} makes it safe beside a serving registry:
 * blobs and manifests younger than the grace period ({@code --grace-period}, an hour by
 * default) are kept and the registry is looked at again before anything is deleted.
 */
final class GarbageCollectCommand implements Command {

    private static final Map<String, String> FLAGS = Map.of(
            "-d", "dry-run", "--dry-run", "dry-run",
            "-m", "delete-untagged", "--delete-untagged", "delete-untagged",
            "-q", "quiet", "--quiet", "quiet",
            "--online", "online");
    private static final Map<String, String> OPTIONS = Map.of(
            "--grace-period", "grace-period", "--parallelism", "parallelism");

    @Override
    public String name() {
        return "garbage-collect";
    }

    @Override
    public String arguments() {
        return "[-d|--dry-run] [-m|--delete-untagged] [-q|--quiet] [--online] config.yml";
    }

    @Override
    public String summary() {
        return "delete blobs (and with -m, manifests) that no tag or manifest references";
    }

    @Override
    public String details() {
        return """
                -d, --dry-run          print what would be deleted, delete nothing
                -m, --delete-untagged  also delete manifests no tag reaches (never the children
                                       of a kept index, nor the referrers of a kept image)
                -q, --quiet            print only the summary
                --online               safe beside a registry serving writes: keep blobs and
                                       manifests younger than the grace period
                --grace-period 1h      the grace period of --online (e.g. 30m, 2h)
                --parallelism N        storage calls at once (default: one per core, at least
                                       4, on a filesystem; 8 on object storage)

                Without --online, stop the registry or set storage.maintenance.readonly first,
                as with distribution.
                """;
    }

    @Override
    public int run(List<String> arguments, CommandContext context) throws Exception {
        CommandLine line;
        try {
            line = CommandLine.parse(arguments, FLAGS, OPTIONS);
            if (line.positional().size() != 1) {
                throw new IllegalArgumentException("expected one config.yml");
            }
        } catch (IllegalArgumentException e) {
            context.err().println("berth garbage-collect: " + e.getMessage());
            context.err().println("usage: berth garbage-collect " + arguments());
            return Main.USAGE;
        }
        try (ConfiguredStorage storage = ConfiguredStorage.open(line.positional().get(0), context.environment())) {
            GcOptions.Builder options = GcOptions.builder()
                    .dryRun(line.has("dry-run"))
                    .removeUntagged(line.has("delete-untagged"))
                    .parallelism(line.option("parallelism").map(Integer::parseInt)
                            .orElse(defaultParallelism(storage.config().storage().driverName())));
            if (line.has("online")) {
                options.gracePeriod(line.option("grace-period").map(GarbageCollectCommand::duration)
                        .orElse(GcOptions.DEFAULT_GRACE_PERIOD));
            } else {
                options.offline();
            }
            if (!line.has("online") && !storage.config().storage().maintenance().readOnly()) {
                context.err().println("warning: storage.maintenance.readonly is not enabled: if a registry is serving"
                        + " this storage, stop it or make it read-only first, or use --online");
            }
            // Tens of thousands of lines: buffered, not a write per line as System.out would do.
            PrintStream out = new PrintStream(new BufferedOutputStream(context.out(), 1 << 16), false, StandardCharsets.UTF_8);
            try {
                DistributionLines lines = new DistributionLines(out, line.has("quiet"));
                ProgressLine progress = isTerminal(context) ? new ProgressLine(context.err()) : null;
                GcListener listener = progress == null ? lines : GcListeners.of(lines, progress);
                GcReport report = new GarbageCollector(storage.registry()).collect(options.listener(listener).build());
                if (progress != null) {
                    progress.clear();
                }
                lines.finish(report);
            } finally {
                out.flush();
            }
        }
        return 0;
    }

    /**
     * Storage calls at once when {@code --parallelism} does not say. On a local disk a call
     * mostly costs CPU (the files are small and often cached), and threads beyond the cores
     * only take it from the JIT compiler: on the benchmark store, 2-4 threads on 2 cores took
     * 15 % less CPU and 25 % less time than 8. On object storage each call waits on the network.
     */
    static int defaultParallelism(String driverName) {
        return driverName.equals("filesystem") || driverName.equals("inmemory")
                ? Math.max(4, Runtime.getRuntime().availableProcessors())
                : 8;
    }

    /** Whether stderr is a terminal: only then is a redrawn progress line welcome. */
    private static boolean isTerminal(CommandContext context) {
        if (context.err() != System.err) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception notLinux) {
            return System.console() != null;
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}, or an ISO-8601 duration. */
    static Duration duration(String text) {
        String value = text.trim();
        if (value.startsWith("P") || value.startsWith("p")) {
            return Duration.parse(value);
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("invalid duration " + text + ": write it like 30m or 1h");
        };
    }
}
