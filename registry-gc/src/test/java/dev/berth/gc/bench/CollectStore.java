package dev.berth.gc.bench;

import dev.berth.gc.GarbageCollector;
import dev.berth.gc.GcOptions;
import dev.berth.gc.GcListener;
import dev.berth.gc.GcListeners;
import dev.berth.gc.GcProgress;
import dev.berth.gc.GcReport;
import dev.berth.gc.text.DistributionLines;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.filesystem.FilesystemDriver;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's side of the comparison when the {@code berth} launcher is not built: an
 * offline collection of a filesystem store, printing distribution's lines to stdout.
 *
 * <pre>java ... dev.berth.gc.bench.CollectStore ROOT [--dry-run] [-m] [--parallelism N]</pre>
 */
public final class CollectStore {

    private CollectStore() {
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = List.of(args);
        int parallelism = flags.contains("--parallelism")
                ? Integer.parseInt(flags.get(flags.indexOf("--parallelism") + 1)) : 16;
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        try (FilesystemDriver driver = new FilesystemDriver(Path.of(args[0]), parallelism)) {
            DistributionLines lines = new DistributionLines(out, false);
            GcListener timings = new GcListener() {
                @Override
                public void progress(GcProgress progress) {
                    if (progress.total() > 0 && progress.done() == progress.total()) {
                        System.err.printf("%s: %d in %d ms%n", progress.phase(), progress.total(), progress.elapsed().toMillis());
                    }
                }
            };
            GcReport report = new GarbageCollector(StorageRegistry.builder(driver).build()).collect(GcOptions.builder()
                    .offline().dryRun(flags.contains("--dry-run")).removeUntagged(flags.contains("-m"))
                    .parallelism(parallelism)
                    .listener(flags.contains("--timings") ? GcListeners.of(lines, timings) : lines).build());
            lines.finish(report);
        }
        out.flush();
    }
}
