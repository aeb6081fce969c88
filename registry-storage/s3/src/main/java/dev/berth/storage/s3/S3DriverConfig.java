package dev.berth.storage.s3;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * Everything the s3 driver is configured with, typed and checked once. The factory maps
 * distribution's {@code storage.s3.*} parameters onto it; embedders use {@link #builder(String)}.
 *
 * @param bucket the bucket, which must exist
 * @param region the signing region; {@code us-east-1} suits most S3-compatible services
 * @param endpoint a non-AWS endpoint ({@code regionendpoint}), or empty for AWS
 * @param pathStyle address the bucket in the path rather than the host name
 * @param credentials static keys, or empty for the SDK's default chain (IAM role, environment, profile)
 * @param encrypt server-side encryption of every object: SSE-S3, or SSE-KMS with {@code kmsKeyId}
 * @param kmsKeyId the KMS key for SSE-KMS; used only with {@code encrypt}
 * @param secure HTTPS to the endpoint (when the endpoint names no scheme)
 * @param skipVerify accept any TLS certificate (test setups only)
 * @param chunkSize multipart part size for writes; also the writer's memory per upload
 * @param multipartCopyChunkSize part size of server-side copies above the threshold
 * @param multipartCopyMaxConcurrency parts copied in parallel during one move
 * @param multipartCopyThresholdSize objects larger than this are moved by multipart copy
 * @param rootDirectory key prefix of everything the registry stores, without slashes at the ends
 * @param storageClass storage class of written objects, or empty to send none
 * @param objectAcl canned ACL of written objects
 * @param maxRequestsPerSecond client-side ceiling on S3 requests; 0 for none
 * @param maxRetries retries of a failed request (the SDK's backoff); negative for the SDK's default
 */
public record S3DriverConfig(
        String bucket,
        String region,
        Optional<URI> endpoint,
        boolean pathStyle,
        Optional<S3Credentials> credentials,
        boolean encrypt,
        Optional<String> kmsKeyId,
        boolean secure,
        boolean skipVerify,
        int chunkSize,
        long multipartCopyChunkSize,
        int multipartCopyMaxConcurrency,
        long multipartCopyThresholdSize,
        String rootDirectory,
        Optional<StorageClass> storageClass,
        ObjectCannedACL objectAcl,
        double maxRequestsPerSecond,
        int maxRetries) {

    /** S3's smallest part, except the last. */
    public static final long MIN_PART_SIZE = 5L << 20;
    /** S3's largest part and largest single copy. */
    public static final long MAX_PART_SIZE = 5L << 30;
    /** The writer buffers one part in a byte array, so a part must fit in one. */
    public static final long MAX_CHUNK_SIZE = 1L << 30;

    public S3DriverConfig {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        Objects.requireNonNull(rootDirectory, "rootDirectory");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(objectAcl, "objectAcl");
        if (bucket.isBlank() || bucket.contains("/")) {
            throw new IllegalArgumentException("bucket must be a bucket name without '/', not '" + bucket + "'");
        }
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be empty");
        }
        checkRange("chunksize", chunkSize, MIN_PART_SIZE, MAX_CHUNK_SIZE);
        checkRange("multipartcopychunksize", multipartCopyChunkSize, MIN_PART_SIZE, MAX_PART_SIZE);
        checkRange("multipartcopythresholdsize", multipartCopyThresholdSize, 0, MAX_PART_SIZE);
        checkRange("multipartcopymaxconcurrency", multipartCopyMaxConcurrency, 1, 10_000);
        if (maxRequestsPerSecond < 0 || Double.isNaN(maxRequestsPerSecond)) {
            throw new IllegalArgumentException("maxrequestspersecond must be 0 (no limit) or positive");
        }
        if (rootDirectory.startsWith("/") || rootDirectory.endsWith("/")) {
            throw new IllegalArgumentException("rootDirectory is kept without leading or trailing '/': " + rootDirectory);
        }
    }

    private static void checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    public static Builder builder(String bucket) {
        return new Builder(bucket);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(bucket);
        builder.region = region;
        builder.endpoint = endpoint.orElse(null);
        builder.pathStyle = pathStyle;
        builder.credentials = credentials.orElse(null);
        builder.encrypt = encrypt;
        builder.kmsKeyId = kmsKeyId.orElse(null);
        builder.secure = secure;
        builder.skipVerify = skipVerify;
        builder.chunkSize = chunkSize;
        builder.multipartCopyChunkSize = multipartCopyChunkSize;
        builder.multipartCopyMaxConcurrency = multipartCopyMaxConcurrency;
        builder.multipartCopyThresholdSize = multipartCopyThresholdSize;
        builder.rootDirectory = rootDirectory;
        builder.storageClass = storageClass.orElse(null);
        builder.objectAcl = objectAcl;
        builder.maxRequestsPerSecond = maxRequestsPerSecond;
        builder.maxRetries = maxRetries;
        return builder;
    }

    /** Static keys. {@link #toString()} never shows the secret. */
    public record S3Credentials(String accessKey, String secretKey, Optional<String> sessionToken) {

        public S3Credentials {
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(secretKey, "secretKey");
            Objects.requireNonNull(sessionToken, "sessionToken");
        }

        @Override
        public String toString() {
            return "S3Credentials[accessKey=" + accessKey + ", secretKey=***"
                    + (sessionToken.isPresent() ? ", sessionToken=***" : "") + "]";
        }
    }

    /** Defaults as distribution's: 10 MiB parts, copies in 32 MiB parts above 32 MiB, 100 at a time. */
    public static final class Builder {
        private final String bucket;
        private String region = "us-east-1";
        private URI endpoint;
        private boolean pathStyle;
        private S3Credentials credentials;
        private boolean encrypt;
        private String kmsKeyId;
        private boolean secure = true;
        private boolean skipVerify;
        private int chunkSize = 10 << 20;
        private long multipartCopyChunkSize = 32L << 20;
        private int multipartCopyMaxConcurrency = 100;
        private long multipartCopyThresholdSize = 32L << 20;
        private String rootDirectory = "";
        private StorageClass storageClass = StorageClass.STANDARD;
        private ObjectCannedACL objectAcl = ObjectCannedACL.PRIVATE;
        private double maxRequestsPerSecond;
        private int maxRetries = -1;

        private Builder(String bucket) {
            this.bucket = bucket;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public Builder credentials(String accessKey, String secretKey) {
            this.credentials = new S3Credentials(accessKey, secretKey, Optional.empty());
            return this;
        }

        public Builder credentials(S3Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder encrypt(boolean encrypt) {
            this.encrypt = encrypt;
            return this;
        }

        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        public Builder skipVerify(boolean skipVerify) {
            this.skipVerify = skipVerify;
            return this;
        }

        public Builder chunkSize(long chunkSize) {
            checkRange("chunksize", chunkSize, MIN_PART_SIZE, MAX_CHUNK_SIZE);
            this.chunkSize = (int) chunkSize;
            return this;
        }

        public Builder multipartCopyChunkSize(long size) {
            this.multipartCopyChunkSize = size;
            return this;
        }

        public Builder multipartCopyMaxConcurrency(int concurrency) {
            this.multipartCopyMaxConcurrency = concurrency;
            return this;
        }

        public Builder multipartCopyThresholdSize(long size) {
            this.multipartCopyThresholdSize = size;
            return this;
        }

        /** A key prefix such as {@code /registry}; slashes at the ends are dropped. */
        public Builder rootDirectory(String rootDirectory) {
            String trimmed = rootDirectory.strip();
            while (trimmed.startsWith("/")) {
                trimmed = trimmed.substring(1);
            }
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            this.rootDirectory = trimmed;
            return this;
        }

        /** The storage class of written objects; {@code null} sends none (distribution's {@code NONE}). */
        public Builder storageClass(StorageClass storageClass) {
            this.storageClass = storageClass;
            return this;
        }

        public Builder objectAcl(ObjectCannedACL objectAcl) {
            this.objectAcl = objectAcl;
            return this;
        }

        public Builder maxRequestsPerSecond(double maxRequestsPerSecond) {
            this.maxRequestsPerSecond = maxRequestsPerSecond;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public S3DriverConfig build() {
            return new S3DriverConfig(bucket, region, Optional.ofNullable(endpoint), pathStyle,
                    Optional.ofNullable(credentials), encrypt, Optional.ofNullable(kmsKeyId), secure, skipVerify,
                    chunkSize, multipartCopyChunkSize, multipartCopyMaxConcurrency, multipartCopyThresholdSize,
                    rootDirectory, Optional.ofNullable(storageClass), objectAcl, maxRequestsPerSecond, maxRetries);
        }
    }
}
