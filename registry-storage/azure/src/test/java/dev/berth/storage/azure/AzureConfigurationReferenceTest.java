package dev.berth.storage.azure;

import static dev.berth.storage.driver.ConfigurationReference.assertDriverReadsEveryDocumentedParameter;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Holds the storage.azure table of docs/configuration.md to what the settings read. */
class AzureConfigurationReferenceTest {

    @Test
    void everyDocumentedAzureParameterIsReadByTheSettings() throws IOException {
        assertDriverReadsEveryDocumentedParameter("azure", AzureSettings::from, "accountname", "container", "chunksize");
    }
}
