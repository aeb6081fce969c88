package dev.berth.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.storage.driver.ConfigurationReference;
import dev.berth.storage.driver.DriverParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the storage.gcs table of docs/configuration.md to what the settings read. The two
 * credential parameters exclude each other and must name a real service-account key, so they
 * are checked apart: each is read, and named when its value is unusable.
 */
class GcsConfigurationReferenceTest {

    @Test
    void everyDocumentedGcsParameterIsReadByTheSettings() throws IOException {
        ConfigurationReference reference = ConfigurationReference.read(ConfigurationReference.FROM_DRIVER_MODULE);
        Map<String, String> examples = new LinkedHashMap<>(reference.driverExamples("gcs"));
        assertThat(examples).containsKeys("bucket", "keyfile", "credentials", "chunksize");
        examples.remove("keyfile");
        examples.remove("credentials");
        assertThat(reference.unreadDriverParameters("gcs", examples, GcsSettings::from)).isEmpty();
    }

    @Test
    void theDocumentedCredentialParametersAreTheOnesTheSettingsRead(@TempDir Path dir) {
        for (String key : new String[] {"keyfile", "credentials"}) {
            String value = key.equals("keyfile") ? dir.resolve("missing.json").toString() : "{}";
            DriverParameters parameters = DriverParameters.of("gcs", Map.of("bucket", "registry", key, value));
            assertThatThrownBy(() -> GcsSettings.from(parameters)).hasMessageContaining("storage.gcs." + key);
            assertThat(parameters.unreadKeys()).doesNotContain(key);
        }
    }
}
