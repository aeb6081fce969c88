package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.testkit.RegistryClient;
import dev.berth.testkit.TestBlob;
import dev.berth.testkit.TestImage;
import dev.berth.testkit.TestImages;
import java.io.IOException;
import java.net.URI;
import java.util.Random;

/** What every storage must carry through the program: an image pushed, then pulled back byte for byte. */
final class ImageRoundTrip {

    private static final String REPOSITORY = "app/round-trip";
    /** Larger than one chunk, so the upload's writer is reopened and appended to across requests. */
    private static final int CHUNKED_BLOB = 6 << 20;
    private static final int CHUNK = 2 << 20;

    private ImageRoundTrip() {
    }

    /** Pushes an image and a chunked blob to the program, pulls both back and compares; a failure shows its log. */
    static void pushAndPull(BerthJar.Serving berth) throws IOException {
        try {
            pushAndPull(berth.baseUri());
        } catch (RuntimeException | AssertionError e) {
            e.addSuppressed(new AssertionError("berth serve's output:\n" + berth.output()));
            throw e;
        }
    }

    private static void pushAndPull(URI baseUri) {
        RegistryClient client = RegistryClient.create(baseUri);
        TestImage image = TestImages.seeded(6).image(2, 256 << 10);
        Digest pushed = client.push(REPOSITORY, "1.0", image);

        RegistryClient.PulledManifest manifest = client.pullManifest(REPOSITORY, "1.0");
        assertThat(manifest.digest()).isEqualTo(pushed).isEqualTo(image.digest());
        assertThat(manifest.bytes()).isEqualTo(image.manifestBytes());
        for (TestBlob blob : image.allBlobs()) {
            assertThat(client.pullBlob(REPOSITORY, blob.digest())).as("blob %s", blob.digest()).isEqualTo(blob.content());
        }

        byte[] large = new byte[CHUNKED_BLOB];
        new Random(6).nextBytes(large);
        Digest chunked = client.pushBlobChunked(REPOSITORY, large, CHUNK);
        assertThat(client.pullBlob(REPOSITORY, chunked)).isEqualTo(large);

        assertThat(client.catalog()).contains(REPOSITORY);
    }
}
