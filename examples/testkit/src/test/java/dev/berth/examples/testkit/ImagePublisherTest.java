package dev.berth.examples.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.testkit.RecordedRequest;
import dev.berth.testkit.RegistryClient;
import dev.berth.testkit.RegistryExtension;
import dev.berth.testkit.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests the application's publisher against a real registry in the same JVM. Jib probes HTTPS
 * first, so the registry serves TLS with a throwaway certificate the publisher accepts as
 * insecure; with a plain-HTTP registry ({@code @RegistryTest}) other clients work as is.
 */
class ImagePublisherTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.builder().tls().build();

    @TempDir
    Path temp;

    @Test
    void publishesTheDirectoryAsAnImage(TestRegistry registry) throws Exception {
        Path site = Files.createDirectories(temp.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<h1>hello</h1>");
        Files.writeString(site.resolve("robots.txt"), "User-agent: *");
        ImagePublisher publisher = new ImagePublisher(true, temp.resolve("cache"));

        String digest = publisher.publish(site, registry.hostAndPort() + "/team/site:v1");

        RegistryClient client = registry.client();
        assertThat(client.tags("team/site")).containsExactly("v1");
        RegistryClient.PulledManifest manifest = client.pullManifest("team/site", "v1");
        assertThat(manifest.digest()).isEqualTo(Digest.parse(digest));
        assertThat(registry.requests()).extracting(RecordedRequest::method).contains("PUT");
    }
}
