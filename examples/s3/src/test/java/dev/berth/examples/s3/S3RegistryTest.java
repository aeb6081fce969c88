package dev.berth.examples.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.examples.standalone.StandaloneRegistry;
import dev.berth.server.config.AssembledRegistry;
import dev.berth.storage.s3.S3ProxyServer;
import dev.berth.testkit.RegistryClient;
import dev.berth.testkit.TestBlob;
import dev.berth.testkit.TestImage;
import dev.berth.testkit.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's config.yml, pointed at S3Proxy on loopback instead of AWS. */
class S3RegistryTest {

    @TempDir
    Path temp;

    @Test
    void theExampleConfigServesImagesFromS3WithRedirects() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.inMemory()) {
            Map<String, String> environment = Map.of(
                    "REGISTRY_STORAGE_S3_BUCKET", s3.newBucket(),
                    "REGISTRY_STORAGE_S3_REGIONENDPOINT", s3.endpoint().toString(),
                    "REGISTRY_STORAGE_S3_FORCEPATHSTYLE", "true",
                    "REGISTRY_STORAGE_S3_ACCESSKEY", S3ProxyServer.ACCESS_KEY,
                    "REGISTRY_STORAGE_S3_SECRETKEY", S3ProxyServer.SECRET_KEY,
                    "REGISTRY_HTTP_ADDR", "127.0.0.1:0");
            Path config = Files.copy(Path.of("config.yml"), temp.resolve("config.yml"));

            try (AssembledRegistry registry = StandaloneRegistry.start(config, environment)) {
                RegistryClient client = RegistryClient.create(registry.baseUri());
                TestImage image = TestImages.seeded(51).image(2, 64 * 1024);
                client.push("team/app", "v1", image);

                TestBlob layer = image.blobs().get(1);
                HttpResponse<Void> blob = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(registry.baseUri() + "v2/team/app/blobs/" + layer.digest())).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(blob.statusCode()).as("blob GET redirects to S3").isEqualTo(307);
                assertThat(blob.headers().firstValue("Location")).hasValueSatisfying(location ->
                        assertThat(location).startsWith(s3.endpoint().toString()).contains("X-Amz-Signature")
                                .doesNotContain(S3ProxyServer.SECRET_KEY));
                assertThat(client.pullBlob("team/app", layer.digest())).isEqualTo(layer.content());
                assertThat(client.pullManifest("team/app", "v1").digest()).isEqualTo(image.digest());
            }
        }
    }
}
