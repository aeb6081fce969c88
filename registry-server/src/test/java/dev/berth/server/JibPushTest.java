package dev.berth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TestRegistries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jib, a real client, builds and pushes an image to Berth; the manifest comes back intact. */
public class JibPushTest {

    @TempDir
    Path temp;

    @Test
    void jibPushesAnImageWhoseManifestIsPulledBack() throws Exception {
        // Jib probes HTTPS first and falls back to plain HTTP only on a TLS error, never on a
        // timeout; the JDK server waits for a request line when sent a TLS hello, so Jib meets
        // the embedded server over TLS (with the self-signed certificate it accepts as insecure).
        TestCertificates tls = TestCertificates.selfSigned(temp);
        try (RegistryServer server = RegistryServer.builder().registry(TestRegistries.inMemory())
                .httpSecret("jib").port(0).tls(tls.certificate(), tls.key()).build().start()) {
            String authority = server.baseUri().getAuthority();
            for (ImageFormat format : List.of(ImageFormat.Docker, ImageFormat.OCI)) {
                String mediaType = format == ImageFormat.OCI ? MediaType.OCI_MANIFEST : MediaType.DOCKER_MANIFEST;
                String tag = format.name().toLowerCase();
                JibContainer container = push(temp, authority + "/jib/hello:" + tag, format);

                TestClient client = new TestClient(server.baseUri(), TestClient.trusting(tls.x509()));
                TestClient.Response manifest = client.get("/v2/jib/hello/manifests/" + tag, "Accept",
                        mediaType);
                assertThat(manifest.status()).as("%s", manifest).isEqualTo(200);
                assertThat(manifest.header("Content-Type")).contains(mediaType);
                assertThat(Digest.sha256(manifest.body()).toString()).isEqualTo(container.getDigest().toString());
                String layerDigest = manifest.json().path("layers").get(0).path("digest").asText();
                assertThat(client.head("/v2/jib/hello/blobs/" + layerDigest).status()).isEqualTo(200);
            }
        }
    }

    /**
     * Builds a one-file image from scratch with Jib and pushes it to {@code image}
     * ({@code host:port/name:tag}), allowing an insecure registry as a developer's loopback one is.
     */
    public static JibContainer push(Path work, String image, ImageFormat format) throws Exception {
        Path app = work.resolve("hello.txt");
        if (!Files.exists(app)) {
            Files.writeString(app, "hello from jib");
        }
        Containerizer containerizer = Containerizer.to(RegistryImage.named(image))
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(work.resolve("cache-base"))
                .setApplicationLayersCache(work.resolve("cache-app"))
                .setToolName("berth-test");
        return Jib.fromScratch()
                .setFormat(format)
                .addLayer(List.of(app), AbsoluteUnixPath.get("/app"))
                .setEntrypoint("/app/hello.txt")
                .containerize(containerizer);
    }
}
