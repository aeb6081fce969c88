package dev.berth.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.server.conformance.AccessConformance;
import dev.berth.server.conformance.BlobConformance;
import dev.berth.server.conformance.ListingConformance;
import dev.berth.server.conformance.ManifestConformance;
import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TestImages;
import dev.berth.server.conformance.TransportFixture;
import dev.berth.server.conformance.UploadConformance;
import dev.berth.server.http.RegistryHandler;
import dev.berth.storage.StorageRegistry;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server's OCI conformance tests with the registry on Azurite: every test's default
 * registry is a fresh container (tests that build their own registry keep theirs). They check
 * the bytes the registry serves, so they run with redirects off ({@code storage.redirect.disable:
 * true}); {@link #blobGetRedirectsToASasUrlThatServesTheBlob} covers the redirect.
 */
class AzureServerConformanceTest extends TransportFixture
        implements BlobConformance, UploadConformance, ManifestConformance, ListingConformance, AccessConformance {

    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    @Override
    public TestClient start(Consumer<RegistryHandler.Builder> settings) {
        return start(StorageRegistry.builder(AZURITE.newDriver()).build(), builder -> {
            builder.redirectsEnabled(false);
            settings.accept(builder);
        });
    }

    @Test
    void blobGetRedirectsToASasUrlThatServesTheBlob() {
        TestClient client = start(StorageRegistry.builder(AZURITE.newDriver()).build(), settings -> { });
        byte[] content = TestImages.blob(4000, 9);
        Digest digest = pushBlob(client, REPO, content);

        TestClient.Response redirect = client.get("/v2/" + REPO + "/blobs/" + digest);
        assertThat(redirect.status()).isEqualTo(307);
        String location = redirect.header("Location").orElseThrow();
        assertThat(location).startsWith(AZURITE.serviceUrl().toString()).contains("sig=").contains("sp=r");

        TestClient.Response fetched = client.get(location);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(content);
    }

    @Override
    protected Served serve(RegistryHandler handler) {
        return onJdkServer(handler);
    }
}
