package dev.berth.app;

import dev.berth.storage.gcs.FakeGcsServer;
import dev.berth.storage.s3.S3ProxyServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program from berth.jar on the cloud drivers whose test servers run in this JVM: {@code s3}
 * on S3Proxy (checking Signature V4), and {@code gcs} on the gcs driver's loopback fake of the
 * JSON API. No GCS server runs offline, so the latter proves that the jar carries a working
 * driver and SDK (HTTP transport, anonymous credentials for an {@code endpoint}), not
 * compatibility with real GCS.
 */
class InProcessStorageIT {

    private static S3ProxyServer s3;
    private static FakeGcsServer gcs;

    @TempDir
    Path work;

    @BeforeAll
    static void startServers() throws Exception {
        s3 = S3ProxyServer.inMemory();
        gcs = FakeGcsServer.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        try {
            s3.close();
        } finally {
            gcs.close();
        }
    }

    @Test
    void servesAndPullsBackAnImageOnS3() throws Exception {
        Path config = BerthJar.config(work, String.join("\n",
                "s3:",
                "  accesskey: " + S3ProxyServer.ACCESS_KEY,
                "  secretkey: " + S3ProxyServer.SECRET_KEY,
                "  region: us-east-1",
                "  regionendpoint: " + s3.endpoint(),
                "  forcepathstyle: true",
                "  bucket: " + s3.newBucket(),
                "  rootdirectory: /registry"));

        try (BerthJar.Serving berth = BerthJar.serve(work, config)) {
            ImageRoundTrip.pushAndPull(berth);
        }
    }

    @Test
    void servesAndPullsBackAnImageOnGcs() throws Exception {
        Path config = BerthJar.config(work, String.join("\n",
                "gcs:",
                "  bucket: registry",
                "  endpoint: " + gcs.endpoint(),
                "  chunksize: 1MiB",
                "  rootdirectory: /registry"));

        try (BerthJar.Serving berth = BerthJar.serve(work, config)) {
            ImageRoundTrip.pushAndPull(berth);
        }
    }
}
