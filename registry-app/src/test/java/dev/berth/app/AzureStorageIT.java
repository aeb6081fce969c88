package dev.berth.app;

import dev.berth.storage.azure.AzureSettings;
import dev.berth.storage.azure.AzuriteExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program from berth.jar on {@code azure} storage: Azurite, started as the azure driver's
 * own tests start it, and skipped as they are, saying why, only where it is not installed.
 */
class AzureStorageIT {

    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    @TempDir
    Path work;

    @Test
    void servesAndPullsBackAnImageOnAzure() throws Exception {
        AzureSettings container = AZURITE.newContainer();
        Path config = BerthJar.config(work, String.join("\n",
                "azure:",
                "  accountname: " + AzuriteExtension.ACCOUNT,
                "  accountkey: " + AzuriteExtension.KEY,
                "  container: " + container.container(),
                "  serviceurl: " + AZURITE.serviceUrl()));

        try (BerthJar.Serving berth = BerthJar.serve(work, config)) {
            ImageRoundTrip.pushAndPull(berth);
        }
    }
}
