package dev.berth.examples.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.gc.cleanup.CleanupPolicies;
import dev.berth.testkit.RegistryClient;
import dev.berth.testkit.RegistryTest;
import dev.berth.testkit.TestBlob;
import dev.berth.testkit.TestImage;
import dev.berth.testkit.TestImages;
import dev.berth.testkit.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@RegistryTest
class CleanupAndCollectTest {

    @Test
    void thePolicyUntagsAndTheCollectorReclaimsOnlyWhatNoTagReaches(TestRegistry registry) throws Exception {
        TestImages images = TestImages.seeded(31);
        TestBlob base = images.layer(4096);
        RegistryClient client = registry.client();
        List<TestImage> versions = new ArrayList<>();
        for (String tag : List.of("v1", "v2", "v3", "latest")) {
            TestImage image = images.image(List.of(base, images.layer(2048)));
            client.push("team/app", tag, image);
            versions.add(image);
        }

        CleanupPolicies policies = CleanupPolicies.parse("""
                policies:
                  - repository: team/app
                    name_regex: "v.*"
                    keep_n: 1
                """);
        // Nothing pushes during this test, so no grace period is needed; a live registry keeps the default hour.
        CleanupAndCollect.Result result = new CleanupAndCollect(registry.registry(), Clock.systemUTC())
                .run(policies, Duration.ZERO);

        assertThat(result.cleanup().removed()).hasSize(2);
        assertThat(client.tags("team/app")).hasSize(2).contains("latest");
        assertThat(result.collection().deletedManifests()).hasSize(2);
        assertThat(result.collection().bytesFreed()).isGreaterThan(2 * 2048);
        assertThat(client.blobExists("team/app", base.digest())).as("a layer every image shares").isTrue();
        for (String tag : client.tags("team/app")) {
            TestImage kept = versions.stream().filter(image -> image.digest().equals(
                    client.pullManifest("team/app", tag).digest())).findFirst().orElseThrow();
            for (TestBlob blob : kept.allBlobs()) {
                assertThat(client.pullBlob("team/app", blob.digest())).isEqualTo(blob.content());
            }
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CleanupAndCollect.print(result, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("2 tags untagged; 2 manifests");
    }
}
