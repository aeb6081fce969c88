package dev.berth.storage.s3;

import dev.berth.storage.driver.DriverParameters;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverFactory;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * The {@code s3} driver of {@code config.yml}, with distribution's parameter names. Unknown keys
 * are logged by name (never with their values, which may be secrets).
 */
public final class S3DriverFactory implements StorageDriverFactory {

    private static final Logger LOG = LoggerFactory.getLogger(S3DriverFactory.class);

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public StorageDriver create(DriverParameters parameters) {
        S3DriverConfig config = config(parameters);
        Set<String> unread = parameters.unreadKeys();
        if (!unread.isEmpty()) {
            LOG.warn("storage.s3: ignoring unknown parameters {}", unread);
        }
        return S3Driver.create(config);
    }

    /** Maps the parameters onto a config, naming the key of any bad value. */
    public static S3DriverConfig config(DriverParameters parameters) {
        S3DriverConfig.Builder builder = S3DriverConfig.builder(parameters.required("bucket"));
        boolean secure = parameters.bool("secure", true);
        builder.secure(secure);
        Optional<String> endpoint = parameters.string("regionendpoint");
        endpoint.ifPresent(value -> builder.endpoint(endpointUri(value, secure)));
        Optional<String> region = parameters.string("region");
        if (region.isEmpty() && endpoint.isEmpty()) {
            throw new IllegalArgumentException("storage.s3.region is required (or regionendpoint for a non-AWS service)");
        }
        region.ifPresent(builder::region);
        // distribution names it forcepathstyle, GitLab pathstyle; S3-compatible services mostly need it.
        boolean pathStyleDefault = endpoint.isPresent();
        builder.pathStyle(parameters.bool("forcepathstyle", parameters.bool("pathstyle", pathStyleDefault)));

        Optional<String> accessKey = parameters.string("accesskey");
        Optional<String> secretKey = parameters.string("secretkey");
        Optional<String> sessionToken = parameters.string("sessiontoken");
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException("storage.s3.accesskey and secretkey go together: give both, "
                    + "or neither to use the default credentials chain");
        }
        accessKey.ifPresent(key -> builder.credentials(
                new S3DriverConfig.S3Credentials(key, secretKey.orElseThrow(), sessionToken)));

        builder.encrypt(parameters.bool("encrypt", false));
        parameters.string("keyid").ifPresent(builder::kmsKeyId);
        builder.skipVerify(parameters.bool("skipverify", false));
        if (!parameters.bool("v4auth", true)) {
            LOG.warn("storage.s3.v4auth: false is not supported by the AWS SDK v2; signing with Signature Version 4");
        }
        builder.chunkSize(parameters.bytes("chunksize", 10L << 20));
        builder.multipartCopyChunkSize(parameters.bytes("multipartcopychunksize", 32L << 20));
        builder.multipartCopyMaxConcurrency(Math.toIntExact(parameters.number("multipartcopymaxconcurrency", 100)));
        builder.multipartCopyThresholdSize(parameters.bytes("multipartcopythresholdsize", 32L << 20));
        builder.rootDirectory(parameters.string("rootdirectory", ""));
        builder.storageClass(storageClass(parameters.string("storageclass", "STANDARD")));
        builder.objectAcl(objectAcl(parameters.string("objectacl", "private")));
        builder.maxRequestsPerSecond(parameters.number("maxrequestspersecond", 0));
        builder.maxRetries(Math.toIntExact(parameters.number("maxretries", -1)));
        return builder.build();
    }

    static URI endpointUri(String value, boolean secure) {
        String withScheme = value.contains("://") ? value : (secure ? "https://" : "http://") + value;
        URI uri = URI.create(withScheme);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("storage.s3.regionendpoint is not a URL: " + value);
        }
        return uri;
    }

    private static StorageClass storageClass(String value) {
        if (value.equalsIgnoreCase("NONE")) {
            return null;
        }
        StorageClass storageClass = StorageClass.fromValue(value.toUpperCase(Locale.ROOT));
        if (storageClass == StorageClass.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("storage.s3.storageclass '" + value + "' is none of "
                    + StorageClass.knownValues() + " or NONE");
        }
        return storageClass;
    }

    private static ObjectCannedACL objectAcl(String value) {
        ObjectCannedACL acl = ObjectCannedACL.fromValue(value);
        if (acl == ObjectCannedACL.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("storage.s3.objectacl '" + value + "' is none of "
                    + ObjectCannedACL.knownValues());
        }
        return acl;
    }
}
