package dev.berth.server;

import dev.berth.server.conformance.TestClient;
import dev.berth.server.http.RegistryHandler;
import dev.berth.server.s3.S3Nodes;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OCI conformance tests over the JDK server with the registry's storage on S3 (S3Proxy).
 * Redirects are off, so the tests see the bytes the registry itself serves;
 * {@code S3RedirectTest} covers the 307s.
 */
class S3ConformanceTest extends JdkServerConformanceTest {

    @RegisterExtension
    static final S3Nodes S3 = new S3Nodes();

    @Override
    public TestClient start(Consumer<RegistryHandler.Builder> settings) {
        return start(S3.registry(S3.newBucket()), builder -> {
            builder.redirectsEnabled(false);
            settings.accept(builder);
        });
    }
}
