package dev.berth.storage.s3;

import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared driver contract, against S3Proxy, with the registry under a root prefix as deployments have it. */
class S3DriverContractTest extends StorageDriverContract {

    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected StorageDriver newDriver() {
        // Small parts, so the contract's large and resumed writes cross several part boundaries.
        return S3Driver.create(server.configForNewBucket().rootDirectory("/registry/root")
                .chunkSize(S3DriverConfig.MIN_PART_SIZE).build());
    }
}
