package dev.berth.app;

import static dev.berth.server.interop.Tools.run;
import static dev.berth.server.interop.Tools.skopeo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.api.Platform;
import dev.berth.server.interop.Tools;
import dev.berth.testkit.OciLayout;
import dev.berth.testkit.TestBlob;
import dev.berth.testkit.TestImage;
import dev.berth.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start: skopeo copies a multi-arch image into {@code berth serve} over plain
 * HTTP and back. skopeo tries HTTPS first even with TLS verification off; the program's Jetty
 * fails that handshake at once, so it falls back to HTTP instead of waiting out a timeout.
 */
class SkopeoProgramIT {

    @TempDir
    Path work;

    @Test
    void skopeoCopiesAMultiArchImageIntoTheProgramAndBackOverPlainHttp() throws Exception {
        Tools.require("skopeo");
        TestImage index = TestImages.seeded(21).multiArch(
                List.of(Platform.of("linux", "amd64"), Platform.of("linux", "arm64")), 2, 4096);
        Path layout = OciLayout.write(work.resolve("layout"), Map.of("v1", index));
        Path config = BerthJar.config(work, "filesystem:\n  rootdirectory: " + work.resolve("data"));
        try (BerthJar.Serving berth = BerthJar.serve(work, config)) {
            assertThat(berth.baseUri().getScheme()).isEqualTo("http");
            String reference = "docker://" + berth.baseUri().getAuthority() + "/quickstart/app:v1";
            run(work, skopeo("copy", "--all", "--preserve-digests", "--dest-tls-verify=false",
                    "oci:" + layout + ":v1", reference).toArray(String[]::new));

            String raw = run(work, skopeo("inspect", "--raw", "--tls-verify=false", reference).toArray(String[]::new));
            assertThat(raw.strip()).isEqualTo(new String(index.manifestBytes(), UTF_8).strip());

            Path pulled = work.resolve("pulled");
            run(work, skopeo("copy", "--all", "--preserve-digests", "--src-tls-verify=false",
                    reference, "oci:" + pulled + ":v1").toArray(String[]::new));
            for (TestBlob blob : index.allBlobs()) {
                Path file = pulled.resolve("blobs/sha256").resolve(blob.digest().hex());
                assertThat(Digest.sha256(Files.readAllBytes(file))).isEqualTo(blob.digest());
            }
        }
    }
}
