package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.Digest;
import dev.berth.api.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {

    @TempDir
    Path directory;

    @Test
    void writesEveryBlobAndManifestUnderItsDigest() throws IOException {
        TestImage index = TestImages.seeded(11).multiArch(List.of(Platform.of("linux", "amd64"), Platform.of("linux", "s390x")), 2, 50);
        OciLayout.write(directory, Map.of("v1", index));

        assertThat(directory.resolve("oci-layout")).content().contains("1.0.0");
        assertThat(directory.resolve("index.json")).content().contains(index.digest().toString(), "\"v1\"");
        for (TestBlob blob : index.allBlobs()) {
            assertThat(Digest.sha256(Files.readAllBytes(blobPath(blob.digest())))).isEqualTo(blob.digest());
        }
        for (TestImage manifest : index.manifestsInPushOrder()) {
            assertThat(Files.readAllBytes(blobPath(manifest.digest()))).isEqualTo(manifest.manifestBytes());
        }
    }

    @Test
    void skopeoReadsTheLayout() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed (.ci/run installs it)");
        TestImage image = TestImages.seeded(12).image(2, 200);
        OciLayout.write(directory, Map.of("latest", image));

        Process skopeo = new ProcessBuilder("skopeo", "inspect", "--raw", "oci:" + directory + ":latest")
                .redirectErrorStream(true).start();
        byte[] output = skopeo.getInputStream().readAllBytes();
        assertThat(skopeo.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(skopeo.exitValue()).as(new String(output)).isZero();
        assertThat(Digest.sha256(output)).isEqualTo(image.digest());
    }

    private Path blobPath(Digest digest) {
        return directory.resolve("blobs").resolve(digest.algorithm().id()).resolve(digest.hex());
    }
}
