package dev.berth.storage.s3;

import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared driver contract, against S3Proxy, with the registry under a root prefix as deployments have it. */
class S3DriverContractTest extends StorageDriverContract {

    @RegisterExtension
    static final InProcessS3 S3 = new InProcessS3();

    @Override
    protected StorageDriver newDriver() {
        // Small parts, so the contract's large and resumed writes cross several part boundaries.
        return S3Driver.create(S3.server().configForNewBucket().rootDirectory("/registry/root")
                .chunkSize(S3DriverConfig.MIN_PART_SIZE).build());
    }
}
