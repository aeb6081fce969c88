package dev.berth.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobType;
import com.azure.storage.blob.specialized.AppendBlobClient;
import dev.berth.storage.driver.DriverParameters;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDrivers;
import dev.berth.storage.driver.StorageWriter;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the Azure driver does: block staging across nodes and crashes, both root layouts, SAS redirects, legacy blobs. */
class AzureDriverTest {

    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    private static final String PATH = "/docker/registry/v2/repositories/a/_uploads/u1/data";

    @Test
    void writerOnAnotherNodeContinuesAfterTheUncommittedBlocks() throws Exception {
        AzureSettings settings = AZURITE.newContainer().withBlockSize(64 << 10);
        byte[] content = random(300_000);
        try (AzureDriver first = new AzureDriver(settings, Clock.systemUTC());
                AzureDriver second = new AzureDriver(settings, Clock.systemUTC())) {
            try (StorageWriter writer = first.writer(PATH, false)) {
                writer.write(content, 0, 100_000);
            }
            StorageWriter resumed = second.writer(PATH, true);
            assertThat(resumed.size()).isEqualTo(100_000);
            resumed.write(content, 100_000, content.length - 100_000);
            resumed.commit();
            assertThat(first.getContent(PATH)).isEqualTo(content);
        }
    }

    @Test
    void bytesOfAClosedWriterAreReadableSoTheStoreCanRehashThem() throws Exception {
        AzureDriver driver = AZURITE.newDriver();
        byte[] content = random(200_000);
        try (StorageWriter writer = driver.writer(PATH, false)) {
            writer.write(content, 0, content.length);
        }
        assertThat(driver.stat(PATH).size()).isEqualTo(content.length);
        assertThat(driver.getContent(PATH)).isEqualTo(content);
    }

    @Test
    void blocksStagedByAWriterThatDiedAreKeptAndMadeReadableOnResume() throws Exception {
        AzureSettings settings = AZURITE.newContainer().withBlockSize(64 << 10);
        byte[] content = random(150_000);
        try (AzureDriver dying = new AzureDriver(settings, Clock.systemUTC());
                AzureDriver survivor = new AzureDriver(settings, Clock.systemUTC())) {
            StorageWriter abandoned = dying.writer(PATH, false);
            abandoned.write(content, 0, content.length); // two whole blocks staged, the rest only buffered

            StorageWriter resumed = survivor.writer(PATH, true);
            assertThat(resumed.size()).isEqualTo(2 * (64 << 10));
            assertThat(survivor.getContent(PATH)).isEqualTo(java.util.Arrays.copyOf(content, 2 * (64 << 10)));
            resumed.write(content, 2 * (64 << 10), content.length - 2 * (64 << 10));
            resumed.commit();
            assertThat(survivor.getContent(PATH)).isEqualTo(content);
        }
    }

    @Test
    void cancelDiscardsStagedBlocksAndThePath() throws Exception {
        AzureDriver driver = AZURITE.newDriver();
        try (StorageWriter writer = driver.writer(PATH, false)) {
            writer.write(random(10), 0, 10);
        }
        driver.writer(PATH, true).cancel();
        assertThatThrownBy(() -> driver.stat(PATH)).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.writer(PATH, true)).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void standardLayoutNamesBlobsWithoutLeadingSlashUnderTheRootDirectory() throws Exception {
        AzureSettings settings = AZURITE.newContainer().withRootDirectory("/azure/virtual/container/", false);
        AZURITE.driver(settings).putContent("/docker/x", new byte[] {1});
        assertThat(blobNames(settings)).containsExactly("azure/virtual/container/docker/x");
    }

    @Test
    void legacyLayoutKeepsTheLeadingSlashAndSeesNothingOfTheStandardOne() throws Exception {
        AzureSettings standard = AZURITE.newContainer();
        AzureSettings legacy = standard.withRootDirectory("", true);
        AzureDriver standardDriver = AZURITE.driver(standard);
        AzureDriver legacyDriver = AZURITE.driver(legacy);
        standardDriver.putContent("/docker/standard", new byte[] {1});
        legacyDriver.putContent("/docker/legacy", new byte[] {2});

        assertThat(blobNames(standard)).containsExactlyInAnyOrder("docker/standard", "/docker/legacy");
        assertThat(legacyDriver.getContent("/docker/legacy")).containsExactly(2);
        assertThat(legacyDriver.list("/docker")).containsExactly("/docker/legacy");
        assertThat(standardDriver.list("/docker")).containsExactly("/docker/standard");
        assertThatThrownBy(() -> legacyDriver.getContent("/docker/standard")).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void redirectUrlIsAReadOnlySasUrlThatServesTheBlob() throws Exception {
        AzureDriver driver = AZURITE.newDriver();
        byte[] content = random(1000);
        driver.putContent(PATH, content);
        URI url = driver.redirectUrl(PATH, "GET", Duration.ofMinutes(5)).orElseThrow();
        assertThat(url.getQuery()).contains("sp=r").contains("se=").doesNotContain(AzuriteExtension.KEY);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
        HttpResponse<Void> put = http.send(HttpRequest.newBuilder(url).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString("evil")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(driver.getContent(PATH)).isEqualTo(content);
    }

    @Test
    void redirectIsOfferedOnlyForReads() throws Exception {
        AzureDriver driver = AZURITE.newDriver();
        driver.putContent(PATH, new byte[] {1});
        assertThat(driver.redirectUrl(PATH, "PUT", Duration.ofMinutes(5))).isEmpty();
        assertThat(driver.redirectUrl(PATH, "HEAD", Duration.ofMinutes(5))).isPresent();
    }

    @Test
    void appendBlobsLeftByDistributionAreReadReplacedAndMoved() throws Exception {
        AzureSettings settings = AZURITE.newContainer();
        AzureDriver driver = AZURITE.driver(settings);
        BlobContainerClient container = AZURITE.service().getBlobContainerClient(settings.container());
        AppendBlobClient append = container.getBlobClient("docker/legacy").getAppendBlobClient();
        append.create();
        append.appendBlock(new java.io.ByteArrayInputStream("legacy".getBytes(StandardCharsets.UTF_8)), 6);

        assertThat(driver.getContent("/docker/legacy")).asString(StandardCharsets.UTF_8).isEqualTo("legacy");
        driver.move("/docker/legacy", "/docker/moved");
        assertThat(driver.getContent("/docker/moved")).asString(StandardCharsets.UTF_8).isEqualTo("legacy");
        assertThat(container.getBlobClient("docker/moved").getProperties().getBlobType()).isEqualTo(BlobType.APPEND_BLOB);

        driver.putContent("/docker/moved", "block".getBytes(StandardCharsets.UTF_8));
        assertThat(container.getBlobClient("docker/moved").getProperties().getBlobType()).isEqualTo(BlobType.BLOCK_BLOB);
        assertThat(driver.getContent("/docker/moved")).asString(StandardCharsets.UTF_8).isEqualTo("block");
    }

    @Test
    void readerStreamsFromAnOffset() throws Exception {
        AzureDriver driver = AZURITE.newDriver();
        byte[] content = random(5000);
        driver.putContent(PATH, content);
        try (InputStream in = driver.reader(PATH, 1234)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 1234, 5000));
        }
    }

    @Test
    void factoryIsFoundByNameAndReadsDistributionsParameters() throws Exception {
        StorageDrivers drivers = StorageDrivers.discover();
        assertThat(drivers.names()).contains("azure");
        AzureSettings container = AZURITE.newContainer();
        try (StorageDriver driver = drivers.create(DriverParameters.of("azure", Map.of(
                "accountname", AzuriteExtension.ACCOUNT, "accountkey", AzuriteExtension.KEY,
                "container", container.container(), "serviceurl", AZURITE.serviceUrl().toString(),
                "rootdirectory", "/reg", "trimlegacyrootprefix", "true")))) {
            driver.putContent("/x", new byte[] {7});
            assertThat(blobNames(container)).containsExactly("reg/x");
        }
    }

    @Test
    void missingAccountKeyWithoutAzureIdentityFailsSayingWhatToDo() {
        assertThatThrownBy(() -> StorageDrivers.discover().create(DriverParameters.of("azure", Map.of(
                "accountname", "acct", "container", "c"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accountkey")
                .hasMessageContaining("azure-identity");
    }

    @Test
    void legacyAndTrimmedPrefixTogetherAreRejected() {
        assertThatThrownBy(() -> AzureSettings.from(DriverParameters.of("azure", Map.of("accountname", "a",
                "container", "c", "legacyrootprefix", "true", "trimlegacyrootprefix", "true"))))
                .hasMessageContaining("can not both be true");
    }

    private static java.util.List<String> blobNames(AzureSettings settings) {
        return AZURITE.service().getBlobContainerClient(settings.container()).listBlobs()
                .stream().map(BlobItem::getName).toList();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
