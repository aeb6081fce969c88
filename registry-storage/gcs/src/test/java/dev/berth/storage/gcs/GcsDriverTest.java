package dev.berth.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.berth.storage.driver.DriverParameters;
import dev.berth.storage.driver.StorageDrivers;
import dev.berth.storage.driver.StorageWriter;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only the GCS driver does: sessions continued on another node or after a crash, parts, signed URLs. */
class GcsDriverTest {

    private static final int CHUNK = GcsSettings.CHUNK_GRANULARITY;
    private static final String PATH = "/docker/registry/v2/repositories/a/_uploads/u1/data";
    private static final String NAME = "docker/registry/v2/repositories/a/_uploads/u1/data";
    private static FakeGcsServer fake;

    @BeforeAll
    static void startFake() throws Exception {
        fake = FakeGcsServer.start();
    }

    @AfterAll
    static void stopFake() throws Exception {
        fake.close();
    }

    @Test
    void writerOnAnotherNodeUploadsAPartAndComposesItOntoTheObject() throws Exception {
        GcsSettings settings = fake.newBucket();
        byte[] content = random(3 * CHUNK + 1234);
        GcsDriver first = new GcsDriver(settings);
        GcsDriver second = new GcsDriver(settings);
        try (StorageWriter writer = first.writer(PATH, false)) {
            writer.write(content, 0, CHUNK + 100);
        }
        assertThat(first.getContent(PATH)).isEqualTo(Arrays.copyOf(content, CHUNK + 100));

        StorageWriter resumed = second.writer(PATH, true);
        assertThat(resumed.size()).isEqualTo(CHUNK + 100);
        resumed.write(content, CHUNK + 100, content.length - CHUNK - 100);
        resumed.commit();

        assertThat(first.getContent(PATH)).isEqualTo(content);
        assertThat(fake.names(settings.bucket())).containsExactly(NAME);
    }

    @Test
    void bytesAWriterSentBeforeItDiedAreKeptByTheNextWriter() throws Exception {
        GcsSettings settings = fake.newBucket();
        byte[] content = random(2 * CHUNK + 5000);
        StorageWriter dying = new GcsDriver(settings).writer(PATH, false);
        dying.write(content, 0, content.length); // two chunks sent to the session, the rest only buffered
        assertThat(fake.names(settings.bucket())).contains(NAME + "~session");
        assertThat(new GcsDriver(settings).list("/docker/registry/v2/repositories/a/_uploads/u1")).containsExactly(PATH);

        GcsDriver survivor = new GcsDriver(settings);
        StorageWriter resumed = survivor.writer(PATH, true);
        assertThat(resumed.size()).isEqualTo(2 * CHUNK);
        assertThat(survivor.getContent(PATH)).isEqualTo(Arrays.copyOf(content, 2 * CHUNK));
        resumed.write(content, 2 * CHUNK, content.length - 2 * CHUNK);
        resumed.commit();

        assertThat(survivor.getContent(PATH)).isEqualTo(content);
        assertThat(fake.names(settings.bucket())).containsExactly(NAME);
    }

    @Test
    void cancelRemovesTheObjectItsPartAndItsSessionRecord() throws Exception {
        GcsSettings settings = fake.newBucket();
        GcsDriver driver = new GcsDriver(settings);
        driver.putContent(PATH, random(10));
        StorageWriter writer = driver.writer(PATH, true);
        writer.write(random(CHUNK), 0, CHUNK);
        writer.cancel();
        assertThat(fake.names(settings.bucket())).isEmpty();
    }

    @Test
    void objectsLieUnderTheRootDirectory() throws Exception {
        GcsSettings settings = fake.newBucket().withRootDirectory("/registry/root/");
        new GcsDriver(settings).putContent("/docker/x", new byte[] {1});
        assertThat(fake.names(settings.bucket())).containsExactly("registry/root/docker/x");
    }

    @Test
    void redirectIsAV4SignedUrlForReadsWhenTheCredentialsCanSign() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        ServiceAccountCredentials account = ServiceAccountCredentials.newBuilder()
                .setClientEmail("registry@project.iam.gserviceaccount.com")
                .setPrivateKey(keys.getPrivate())
                .setProjectId("project")
                .build();
        GcsDriver driver = new GcsDriver(fake.newBucket().withCredentials(account));

        URI url = driver.redirectUrl(PATH, "GET", Duration.ofMinutes(5)).orElseThrow();

        assertThat(url.getQuery()).contains("X-Goog-Algorithm=GOOG4-RSA-SHA256", "X-Goog-Expires=300",
                "X-Goog-Credential=registry@project.iam.gserviceaccount.com", "X-Goog-Signature=");
        assertThat(url.toString()).doesNotContain(Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded())
                .substring(0, 40));
        assertThat(driver.redirectUrl(PATH, "HEAD", Duration.ofMinutes(5))).isPresent();
        assertThat(driver.redirectUrl(PATH, "PUT", Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void noRedirectWithoutCredentialsThatCanSign() throws Exception {
        assertThat(new GcsDriver(fake.newBucket()).redirectUrl(PATH, "GET", Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void factoryIsFoundByNameAndReadsDistributionsParameters() throws Exception {
        assertThat(StorageDrivers.discover().names()).contains("gcs");
        String bucket = fake.newBucket().bucket();
        StorageDrivers.discover().create(DriverParameters.of("gcs", Map.of("bucket", bucket,
                "endpoint", fake.endpoint().toString(), "rootdirectory", "/reg", "chunksize", "512KiB")))
                .putContent("/x", new byte[] {1});
        assertThat(fake.names(bucket)).containsExactly("reg/x");
    }

    @Test
    void chunkSizeMustBeAMultipleOf256KiB() {
        assertThatThrownBy(() -> GcsSettings.from(DriverParameters.of("gcs", Map.of("bucket", "b",
                "endpoint", "http://127.0.0.1:1", "chunksize", "300000"))))
                .hasMessageContaining("multiple of 256 KiB");
    }

    @Test
    void keyfileAndCredentialsTogetherAreRejected() {
        assertThatThrownBy(() -> GcsSettings.from(DriverParameters.of("gcs", Map.of("bucket", "b",
                "keyfile", "/nonexistent.json", "credentials", "{}"))))
                .hasMessageContaining("not both");
    }

    @Test
    void unreadableKeyfileIsNamedButNeverPrinted() {
        assertThatThrownBy(() -> GcsSettings.from(DriverParameters.of("gcs", Map.of("bucket", "b",
                "keyfile", "/nonexistent/key.json"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("storage.gcs.keyfile /nonexistent/key.json");
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
