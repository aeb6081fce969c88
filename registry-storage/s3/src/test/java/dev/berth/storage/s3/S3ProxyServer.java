package dev.berth.storage.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * S3Proxy in this JVM on a free loopback port, checking Signature V4 like S3: the S3 endpoint
 * of the tests. Each {@link #newBucket()} is empty, so tests never see each other's objects.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "berth-access";
    public static final String SECRET_KEY = "berth-secret-key-for-tests";

    private final S3Proxy proxy;
    private final BlobStore store;
    private final AtomicInteger buckets = new AtomicInteger();

    private S3ProxyServer(BlobStore store) throws Exception {
        this.store = store;
        this.proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
    }

    /** Objects in memory: for the contract tests. */
    public static S3ProxyServer inMemory() throws Exception {
        return new S3ProxyServer(new TransientNio2BlobStore());
    }

    /** Objects as files under {@code directory}: for gigabyte-sized content. */
    public static S3ProxyServer onDisk(Path directory) throws Exception {
        return new S3ProxyServer(new FilesystemNio2BlobStore(directory.toString()));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Creates an empty bucket and returns its name. */
    public String newBucket() {
        String bucket = "bucket-" + buckets.incrementAndGet();
        store.createContainer(bucket);
        return bucket;
    }

    /** A driver config for a new, empty bucket on this server. */
    public S3DriverConfig.Builder configForNewBucket() {
        return S3DriverConfig.builder(newBucket())
                .endpoint(endpoint())
                .pathStyle(true)
                .credentials(ACCESS_KEY, SECRET_KEY);
    }

    @Override
    public void close() throws IOException {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IOException("S3Proxy did not stop", e);
        } finally {
            store.close();
        }
    }
}
