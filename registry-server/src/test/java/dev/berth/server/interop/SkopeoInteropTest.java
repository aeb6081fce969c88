package dev.berth.server.interop;

import static dev.berth.server.interop.Tools.run;
import static dev.berth.server.interop.Tools.skopeo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo, a real OCI client, pushes to and pulls from Berth; nothing may change a digest. */
class SkopeoInteropTest {

    @TempDir
    Path work;

    private OciLayoutGenerator.Layout layout;

    @BeforeEach
    void writeLayout() throws IOException {
        Tools.require("skopeo");
        layout = OciLayoutGenerator.write(work.resolve("layout"), 42);
    }

    @Test
    void multiArchIndexCopiedIntoBerthAndBackKeepsEveryDigest() throws Exception {
        try (Berth berth = Berth.serve(work.resolve("storage"), work)) {
            String reference = "docker://" + berth.authority() + "/interop/multi:v1";
            run(work, skopeo("copy", "--all", "--preserve-digests", "--dest-tls-verify=false",
                    "oci:" + layout.directory() + ":multi", reference).toArray(String[]::new));

            Set<Digest> served = berth.probe().pull("interop/multi", "v1", layout.index());
            assertThat(served).containsExactlyInAnyOrderElementsOf(layout.blobs());

            Path pulled = work.resolve("pulled");
            run(work, skopeo("copy", "--all", "--preserve-digests", "--src-tls-verify=false",
                    reference, "oci:" + pulled + ":multi").toArray(String[]::new));
            assertThat(verifiedBlobs(pulled)).containsExactlyInAnyOrderElementsOf(layout.blobs());
            assertThat(new ObjectMapper().readTree(pulled.resolve("index.json").toFile())
                    .get("manifests").get(0).get("digest").asText()).isEqualTo(layout.index().toString());
        }
    }

    @Test
    void singleImageInspectedThroughBerthHasTheManifestBytesThatWerePushed() throws Exception {
        try (Berth berth = Berth.serve(work.resolve("storage"), work)) {
            String reference = "docker://" + berth.authority() + "/interop/single:latest";
            run(work, skopeo("copy", "--preserve-digests", "--dest-tls-verify=false",
                    "oci:" + layout.directory() + ":single", reference).toArray(String[]::new));

            String raw = run(work, skopeo("inspect", "--raw", "--tls-verify=false", reference).toArray(String[]::new));
            Digest amd64 = layout.manifests().get(0);
            assertThat(Files.readString(layout.directory().resolve("blobs/sha256").resolve(amd64.hex())))
                    .isEqualTo(raw.strip());
            assertThat(berth.probe().manifestDigestOf("interop/single", "latest")).isEqualTo(amd64);
        }
    }

    /** The digests of an OCI layout's blobs, each checked against its content. */
    static Set<Digest> verifiedBlobs(Path layoutDirectory) throws IOException {
        try (Stream<Path> files = Files.list(layoutDirectory.resolve("blobs/sha256"))) {
            return files.map(file -> {
                try {
                    Digest digest = Digest.sha256(Files.readAllBytes(file));
                    assertThat(digest.hex()).as("content of %s", file).isEqualTo(file.getFileName().toString());
                    return digest;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toSet());
        }
    }
}
