package dev.berth.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.RegistryClient;
import dev.berth.testkit.TestImage;
import dev.berth.testkit.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JettyApplicationTest {

    @TempDir
    Path storage;

    @Test
    void theApplicationServesItsOwnRouteAndARegistryBesideIt() throws Exception {
        try (JettyApplication application = JettyApplication.start(0, storage)) {
            RegistryClient client = RegistryClient.create(application.baseUri());
            TestImage image = TestImages.seeded(8).image(2, 2048);

            client.push("team/app", "v1", image);

            assertThat(client.pullManifest("team/app", "v1").digest()).isEqualTo(image.digest());
            assertThat(client.tags("team/app")).containsExactly("v1");
            assertThat(storage.resolve("docker/registry/v2/repositories/team/app/_manifests/tags/v1/current/link"))
                    .hasContent(image.digest().toString());
            String status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(application.baseUri() + "api/status")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(status).startsWith("{\"status\":\"ok\"").doesNotContain("\"registryRequests\":0");
        }
    }
}
