package dev.berth.storage.s3;

import static dev.berth.storage.driver.ConfigurationReference.assertDriverReadsEveryDocumentedParameter;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Holds the storage.s3 table of docs/configuration.md to what the factory reads. */
class S3ConfigurationReferenceTest {

    @Test
    void everyDocumentedS3ParameterIsReadByTheFactory() throws IOException {
        assertDriverReadsEveryDocumentedParameter("s3", S3DriverFactory::config, "bucket", "region", "chunksize");
    }
}
