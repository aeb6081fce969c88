package dev.berth.examples.gc;

import dev.berth.api.store.Registry;
import dev.berth.gc.GarbageCollector;
import dev.berth.gc.GcOptions;
import dev.berth.gc.GcReport;
import dev.berth.gc.cleanup.CleanupPolicies;
import dev.berth.gc.cleanup.CleanupReport;
import dev.berth.gc.cleanup.TagCleaner;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.filesystem.FilesystemDriver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The two steps GitLab's documentation describes for reclaiming space, as one program:
 * a cleanup policy untags what nobody needs, then the collector, online, deletes what no tag
 * reaches any more. Nothing is stopped and nothing is set read-only: blobs younger than the
 * grace period are never collected, so pushes in flight are safe.
 *
 * <pre>
 * mvn -q -pl examples/gc-and-cleanup -am compile exec:java -Dexec.args="./registry-data policy.yml"
 * </pre>
 */
public final class CleanupAndCollect {

    /** What both steps did. */
    public record Result(CleanupReport cleanup, GcReport collection) {
    }

    private final Registry registry;
    private final Clock clock;

    public CleanupAndCollect(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Untags by {@code policies}, then collects untagged manifests and unreferenced blobs older than {@code gracePeriod}. */
    public Result run(CleanupPolicies policies, Duration gracePeriod) throws InterruptedException {
        CleanupReport cleanup = new TagCleaner(registry, clock).run(policies, false);
        GcReport collection = new GarbageCollector(registry).collect(GcOptions.builder()
                .removeUntagged(true)
                .gracePeriod(gracePeriod)
                .clock(clock)
                .build());
        return new Result(cleanup, collection);
    }

    /** Prints the reports as an administrator reads them. */
    public static void print(Result result, PrintStream out) {
        result.cleanup().removed().forEach(tag ->
                out.printf("untagged %s:%s (%s)%n", tag.repository(), tag.tag(), tag.digest()));
        GcReport gc = result.collection();
        gc.deletedManifests().forEach(manifest ->
                out.printf("deleted manifest %s@%s%n", manifest.repository(), manifest.digest()));
        gc.deletedBlobs().forEach(blob -> out.printf("deleted blob %s (%d bytes)%n", blob.digest(), blob.size()));
        out.printf("%d tags untagged; %d manifests and %d blobs deleted, %d bytes freed in %d ms"
                        + " (%d blobs spared by the grace period)%n",
                result.cleanup().removed().size(), gc.deletedManifests().size(), gc.deletedBlobs().size(),
                gc.bytesFreed(), gc.duration().toMillis(), gc.sparedBlobs());
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CleanupAndCollect ROOTDIRECTORY POLICY.yml [GRACE-PERIOD-MINUTES]");
            System.exit(2);
        }
        Registry registry = StorageRegistry.builder(new FilesystemDriver(Path.of(args[0]))).build();
        Duration grace = Duration.ofMinutes(args.length > 2 ? Long.parseLong(args[2]) : 60);
        Result result = new CleanupAndCollect(registry, Clock.systemUTC()).run(CleanupPolicies.load(Path.of(args[1])), grace);
        print(result, System.out);
    }
}
