package dev.berth.gc.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.berth.api.Descriptor;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.Registry;
import dev.berth.gc.Images;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.inmemory.InMemoryDriver;
import org.junit.jupiter.api.Test;

class UsageCalculatorTest {

    private final Registry registry = StorageRegistry.builder(new InMemoryDriver()).build();
    private final Images images = new Images(registry);

    @Test
    void sharedBlobsCountForEveryRepositoryButOnceInTheTotal() throws InterruptedException {
        Manifest a = images.image("a", "v1", "shared-base", "only-in-a");
        Manifest b = images.image("b", "v1", "shared-base");
        Descriptor orphan = images.layer("a", "unreferenced upload");
        long shared = "shared-base".length();

        UsageReport report = new UsageCalculator(registry, 2).measure();

        UsageReport.RepositoryUsage usageOfA = report.repositories().get(0);
        UsageReport.RepositoryUsage usageOfB = report.repositories().get(1);
        long configA = a.references().get(0).size();
        long configB = b.references().get(0).size();
        assertThat(usageOfA.repository().value()).isEqualTo("a");
        assertThat(usageOfA.linkedBytes())
                .isEqualTo(shared + "only-in-a".length() + configA + a.size() + orphan.size());
        assertThat(usageOfA.exclusiveBytes()).isEqualTo(usageOfA.linkedBytes() - shared);
        assertThat(usageOfB.linkedBytes()).isEqualTo(shared + configB + b.size());
        assertThat(usageOfB.exclusiveBytes()).isEqualTo(usageOfB.linkedBytes() - shared);
        assertThat(usageOfA.manifests()).isEqualTo(1);
        assertThat(usageOfA.tags()).isEqualTo(1);
        assertThat(report.uniqueBytes()).isEqualTo(usageOfA.linkedBytes() + usageOfB.linkedBytes() - shared);
        assertThat(report.storedBytes()).isEqualTo(report.uniqueBytes());
        assertThat(report.dedupRatio())
                .isCloseTo((double) report.linkedBytes() / report.uniqueBytes(), within(1e-9))
                .isGreaterThan(1.0);
    }

    @Test
    void rendersAsTableCsvAndJson() throws InterruptedException {
        images.image("team/app", "v1", "layer");

        UsageReport report = new UsageCalculator(registry, 1).measure();
        long bytes = report.repositories().get(0).linkedBytes();

        assertThat(UsageFormat.parse("CSV").render(report))
                .isEqualTo("repository,linked_bytes,exclusive_bytes,blobs,manifests,tags\n"
                        + "team/app," + bytes + "," + bytes + ",3,1,1\n");
        assertThat(UsageFormat.TABLE.render(report)).contains("team/app").contains("dedup ratio 1.00");
        assertThat(UsageFormat.JSON.render(report))
                .contains("\"repository\" : \"team/app\"")
                .contains("\"uniqueBytes\" : " + bytes);
    }

    @Test
    void emptyRegistryHasNoUsageAndADedupRatioOfOne() throws InterruptedException {
        UsageReport report = new UsageCalculator(registry, 1).measure();

        assertThat(report.repositories()).isEmpty();
        assertThat(report.uniqueBytes()).isZero();
        assertThat(report.dedupRatio()).isEqualTo(1.0);
        assertThat(UsageFormat.human(1536)).isEqualTo("1.5 KiB");
    }
}
