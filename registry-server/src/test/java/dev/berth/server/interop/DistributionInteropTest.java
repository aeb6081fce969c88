package dev.berth.server.interop;

import static dev.berth.server.interop.Tools.run;
import static dev.berth.server.interop.Tools.skopeo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth and distribution 2.8 on the same filesystem storage: what one stores, the other
 * serves, both ways. Both run at once on the same directory, as during a switch-over.
 */
class DistributionInteropTest {

    @TempDir
    Path work;

    private OciLayoutGenerator.Layout layout;
    private Path storage;

    @BeforeEach
    void prepare() throws IOException {
        Tools.require("skopeo");
        Tools.require("docker-registry");
        layout = OciLayoutGenerator.write(work.resolve("layout"), 7);
        storage = work.resolve("storage");
    }

    @Test
    void imagePushedToBerthIsServedByDistributionFromTheSameStorage() throws Exception {
        try (Berth berth = Berth.serve(storage, work);
                DistributionRegistry distribution = DistributionRegistry.start(storage, work)) {
            push(berth.authority(), "from-berth/app");

            RegistryProbe probe = new RegistryProbe(distribution.baseUri());
            assertThat(probe.pull("from-berth/app", "multi", layout.index())).containsExactlyInAnyOrderElementsOf(layout.blobs());
            assertThat(probe.manifestDigestOf("from-berth/app", "single")).isEqualTo(layout.manifests().get(0));
            assertThat(probe.tagsOf("from-berth/app")).contains("\"multi\"", "\"single\"");
            pullWithSkopeo(distribution.authority(), "from-berth/app");
        }
    }

    @Test
    void imagePushedToDistributionIsServedByBerthFromTheSameStorage() throws Exception {
        try (DistributionRegistry distribution = DistributionRegistry.start(storage, work);
                Berth berth = Berth.serve(storage, work)) {
            push(distribution.authority(), "from-distribution/app");

            RegistryProbe probe = berth.probe();
            assertThat(probe.pull("from-distribution/app", "multi", layout.index()))
                    .containsExactlyInAnyOrderElementsOf(layout.blobs());
            assertThat(probe.manifestDigestOf("from-distribution/app", "single")).isEqualTo(layout.manifests().get(0));
            assertThat(probe.tagsOf("from-distribution/app")).contains("\"multi\"", "\"single\"");
            pullWithSkopeo(berth.authority(), "from-distribution/app");
        }
    }

    private void push(String authority, String repository) throws Exception {
        for (String tag : new String[] {"multi", "single"}) {
            run(work, skopeo("copy", "--all", "--preserve-digests", "--dest-tls-verify=false",
                    "oci:" + layout.directory() + ":" + tag, "docker://" + authority + "/" + repository + ":" + tag)
                    .toArray(String[]::new));
        }
    }

    private void pullWithSkopeo(String authority, String repository) throws Exception {
        Path pulled = work.resolve("pulled-" + repository.replace('/', '-'));
        run(work, skopeo("copy", "--all", "--preserve-digests", "--src-tls-verify=false",
                "docker://" + authority + "/" + repository + ":multi", "oci:" + pulled + ":multi").toArray(String[]::new));
        assertThat(SkopeoInteropTest.verifiedBlobs(pulled)).containsExactlyInAnyOrderElementsOf(layout.blobs());
    }
}
