package dev.berth.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.storage.driver.DriverParameters;
import dev.berth.storage.driver.StorageDrivers;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.StorageClass;

class S3DriverFactoryTest {

    private static DriverParameters parameters(Map<String, String> values) {
        return DriverParameters.of("s3", values);
    }

    @Test
    void theDriverIsFoundByItsName() {
        assertThat(StorageDrivers.discover().names()).contains("s3");
    }

    @Test
    void distributionsParametersMapOntoTheConfig() {
        S3DriverConfig config = S3DriverFactory.config(parameters(Map.ofEntries(
                Map.entry("accesskey", "AKIAKIAKI"), Map.entry("secretkey", "secret123"),
                Map.entry("bucket", "registry"), Map.entry("region", "eu-west-1"),
                Map.entry("regionendpoint", "minio.internal:9000"), Map.entry("secure", "false"),
                Map.entry("encrypt", "true"), Map.entry("keyid", "kms-key"),
                Map.entry("chunksize", "25000000"), Map.entry("multipartcopychunksize", "64MiB"),
                Map.entry("multipartcopymaxconcurrency", "8"), Map.entry("multipartcopythresholdsize", "128MiB"),
                Map.entry("rootdirectory", "/gitlab/registry/"), Map.entry("storageclass", "reduced_redundancy"),
                Map.entry("objectacl", "bucket-owner-full-control"), Map.entry("maxrequestspersecond", "350"),
                Map.entry("v4auth", "true"), Map.entry("skipverify", "true"))));

        assertThat(config.bucket()).isEqualTo("registry");
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.endpoint()).hasValue(URI.create("http://minio.internal:9000"));
        assertThat(config.pathStyle()).as("default with a regionendpoint").isTrue();
        assertThat(config.encrypt()).isTrue();
        assertThat(config.kmsKeyId()).hasValue("kms-key");
        assertThat(config.chunkSize()).isEqualTo(25_000_000);
        assertThat(config.multipartCopyChunkSize()).isEqualTo(64L << 20);
        assertThat(config.multipartCopyMaxConcurrency()).isEqualTo(8);
        assertThat(config.multipartCopyThresholdSize()).isEqualTo(128L << 20);
        assertThat(config.rootDirectory()).isEqualTo("gitlab/registry");
        assertThat(config.storageClass()).hasValue(StorageClass.REDUCED_REDUNDANCY);
        assertThat(config.objectAcl()).isEqualTo(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL);
        assertThat(config.maxRequestsPerSecond()).isEqualTo(350);
        assertThat(config.skipVerify()).isTrue();
    }

    @Test
    void defaultsAreDistributions() {
        S3DriverConfig config = S3DriverFactory.config(parameters(Map.of("bucket", "b", "region", "us-east-2")));

        assertThat(config.endpoint()).isEmpty();
        assertThat(config.pathStyle()).isFalse();
        assertThat(config.credentials()).as("the SDK's default chain").isEmpty();
        assertThat(config.chunkSize()).isEqualTo(10 << 20);
        assertThat(config.multipartCopyThresholdSize()).isEqualTo(32L << 20);
        assertThat(config.storageClass()).hasValue(StorageClass.STANDARD);
        assertThat(config.objectAcl()).isEqualTo(ObjectCannedACL.PRIVATE);
        assertThat(config.maxRequestsPerSecond()).isZero();
    }

    @Test
    void gitlabsPathstyleAndForcepathstyleBothWork() {
        assertThat(S3DriverFactory.config(parameters(Map.of("bucket", "b", "region", "r", "pathstyle", "true")))
                .pathStyle()).isTrue();
        assertThat(S3DriverFactory.config(parameters(Map.of("bucket", "b", "regionendpoint", "https://x",
                "forcepathstyle", "false"))).pathStyle()).isFalse();
    }

    @Test
    void storageClassNoneSendsNone() {
        assertThat(S3DriverFactory.config(parameters(Map.of("bucket", "b", "region", "r", "storageclass", "NONE")))
                .storageClass()).isEmpty();
    }

    @Test
    void unknownParametersAreLeftUnread() {
        DriverParameters parameters = parameters(Map.of("bucket", "b", "region", "r", "chunkszie", "5MiB"));

        S3DriverFactory.config(parameters);

        assertThat(parameters.unreadKeys()).containsExactly("chunkszie");
    }

    @Test
    void badValuesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> S3DriverFactory.config(parameters(Map.of("region", "r"))))
                .hasMessageContaining("bucket");
        assertThatThrownBy(() -> S3DriverFactory.config(parameters(Map.of("bucket", "b"))))
                .hasMessageContaining("region");
        assertThatThrownBy(() -> S3DriverFactory.config(parameters(Map.of("bucket", "b", "region", "r",
                "accesskey", "only-half")))).hasMessageContaining("secretkey");
        assertThatThrownBy(() -> S3DriverFactory.config(parameters(Map.of("bucket", "b", "region", "r",
                "chunksize", "1048576")))).hasMessageContaining("chunksize");
        assertThatThrownBy(() -> S3DriverFactory.config(parameters(Map.of("bucket", "b", "region", "r",
                "storageclass", "COLD")))).hasMessageContaining("storageclass");
        assertThatThrownBy(() -> S3DriverFactory.config(parameters(Map.of("bucket", "b", "region", "r",
                "objectacl", "everyone")))).hasMessageContaining("objectacl");
    }

    @Test
    void theSecretKeyNeverShowsInTheConfigsText() {
        S3DriverConfig config = S3DriverFactory.config(parameters(Map.of("bucket", "b", "region", "r",
                "accesskey", "AKIAEXAMPLE", "secretkey", "wJalrXUtnFEMI", "sessiontoken", "token-value")));

        assertThat(config.toString()).contains("AKIAEXAMPLE").doesNotContain("wJalrXUtnFEMI", "token-value");
    }
}
