package dev.berth.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.Repository;
import dev.berth.storage.StorageRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A chunked upload that hops between two registry nodes sharing one Azure container. */
class AzureRegistryUploadTest {

    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    private static final RepositoryName NAME = RepositoryName.parse("library/app");

    @Test
    void uploadStartedOnOneNodeIsFinishedOnAnotherThatRehashesFromAzure() throws Exception {
        AzureSettings settings = AZURITE.newContainer().withBlockSize(64 << 10);
        byte[] content = new byte[500_000];
        new Random(7).nextBytes(content);
        try (AzureDriver driverA = new AzureDriver(settings, Clock.systemUTC());
                AzureDriver driverB = new AzureDriver(settings, Clock.systemUTC())) {
            Repository nodeA = StorageRegistry.builder(driverA).build().repository(NAME);
            Repository nodeB = StorageRegistry.builder(driverB).build().repository(NAME);

            BlobUpload upload = nodeA.uploads().start();
            upload.append(new ByteArrayInputStream(content, 0, 200_001), 0);
            BlobUpload resumed = nodeB.uploads().resume(upload.id());
            assertThat(resumed.size()).isEqualTo(200_001);
            resumed.append(new ByteArrayInputStream(content, 200_001, content.length - 200_001), 200_001);
            Descriptor blob = nodeA.uploads().resume(upload.id())
                    .commit(Digest.sha256(content), OptionalLong.of(content.length));

            assertThat(blob.size()).isEqualTo(content.length);
            try (InputStream in = nodeB.blobs().open(Digest.sha256(content), 0)) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            assertThat(nodeB.uploads().list()).isEmpty();
        }
    }
}
