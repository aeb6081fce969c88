package dev.berth.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import dev.berth.server.config.AssembledRegistry;
import dev.berth.testkit.RegistryClient;
import dev.berth.testkit.TestImage;
import dev.berth.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneRegistryTest {

    @TempDir
    Path temp;

    @Test
    void servesWhatTheConfigFileSaysWithEnvironmentOverrides() throws Exception {
        Path data = temp.resolve("data");
        Path config = Files.writeString(temp.resolve("config.yml"), """
                version: 0.1
                storage:
                  filesystem:
                    rootdirectory: /nonexistent/overridden/below
                  delete:
                    enabled: false
                http:
                  addr: 127.0.0.1:0
                  secret: example-secret
                """);
        Map<String, String> environment = Map.of(
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", data.toString(),
                "REGISTRY_STORAGE_DELETE_ENABLED", "true");

        try (AssembledRegistry registry = StandaloneRegistry.start(config, environment)) {
            RegistryClient client = RegistryClient.create(registry.baseUri());
            TestImage image = TestImages.seeded(41).image(1, 1024);
            client.push("library/hello", "1.0", image);

            assertThat(data.resolve("docker/registry/v2/repositories/library/hello/_manifests/tags/1.0/current/link"))
                    .hasContent(image.digest().toString());
            client.deleteManifest("library/hello", image.digest().toString());
            assertThatThrownBy(() -> client.pullManifest("library/hello", "1.0"))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN));
        }
    }
}
