package dev.berth.storage.s3;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * S3Proxy for a test class, and the drivers its tests open on it, closed after each test:
 * {@code @RegisterExtension static final InProcessS3 S3 = new InProcessS3();}.
 */
public class InProcessS3 implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private final List<S3Driver> drivers = new ArrayList<>();
    private S3ProxyServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = S3ProxyServer.inMemory();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeDrivers();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        closeDrivers();
        server.close();
    }

    public S3ProxyServer server() {
        return server;
    }

    /** A driver on {@code config}, closed after the test. */
    public synchronized S3Driver driver(S3DriverConfig config) {
        S3Driver driver = S3Driver.create(config);
        drivers.add(driver);
        return driver;
    }

    private synchronized void closeDrivers() {
        drivers.forEach(S3Driver::close);
        drivers.clear();
    }
}
