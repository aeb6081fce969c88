package dev.berth.server.s3;

import dev.berth.storage.StorageRegistry;
import dev.berth.storage.s3.InProcessS3;
import dev.berth.storage.s3.S3DriverConfig;

/**
 * Registries on S3 storage (S3Proxy in this JVM), a bucket each unless told to share one:
 * {@code @RegisterExtension static final S3Nodes S3 = new S3Nodes();}.
 */
public final class S3Nodes extends InProcessS3 {

    /** Storage in a new bucket, in parts of the smallest size S3 allows, so tests cross part boundaries. */
    public S3DriverConfig newBucket() {
        return server().configForNewBucket().rootDirectory("registry").chunkSize(S3DriverConfig.MIN_PART_SIZE).build();
    }

    /** A registry on {@code config}'s bucket; another registry on the same config is another node. */
    public StorageRegistry registry(S3DriverConfig config) {
        return StorageRegistry.builder(driver(config)).build();
    }
}
