package dev.berth.storage.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.AttributeMap;

/** Builds the SDK client and presigner one driver uses, both from the same config. */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client client(S3DriverConfig config, AwsCredentialsProvider credentials,
            Optional<RequestRateLimiter> limiter) {
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder();
        limiter.ifPresent(rateLimiter -> overrides.addExecutionInterceptor(new RateLimitInterceptor(rateLimiter)));
        if (config.maxRetries() >= 0) {
            overrides.retryStrategy(builder -> builder.maxAttempts(config.maxRetries() + 1));
        }
        var builder = S3Client.builder()
                .httpClient(httpClient(config))
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                // Checksums only where S3 demands them: many S3-compatible services reject the
                // trailing CRC headers newer SDKs send by default. Part bodies are signed instead.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(overrides.build());
        endpoint(config).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    static S3Presigner presigner(S3DriverConfig config, AwsCredentialsProvider credentials) {
        var builder = S3Presigner.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
        endpoint(config).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The configured endpoint; without one, plain HTTP to AWS still needs an explicit URL. */
    private static Optional<URI> endpoint(S3DriverConfig config) {
        if (config.endpoint().isPresent() || config.secure()) {
            return config.endpoint();
        }
        return Optional.of(URI.create("http://s3." + config.region() + ".amazonaws.com"));
    }

    /** Static keys, or the SDK's default chain: IAM role, environment, profile. */
    static AwsCredentialsProvider credentials(S3DriverConfig config) {
        return config.credentials().<AwsCredentialsProvider>map(keys -> {
            AwsCredentials credentials = keys.sessionToken()
                    .<AwsCredentials>map(token -> AwsSessionCredentials.create(keys.accessKey(), keys.secretKey(), token))
                    .orElseGet(() -> AwsBasicCredentials.create(keys.accessKey(), keys.secretKey()));
            return StaticCredentialsProvider.create(credentials);
        }).orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    private static SdkHttpClient httpClient(S3DriverConfig config) {
        Apache5HttpClient.Builder builder = Apache5HttpClient.builder()
                // Enough connections for a multipart copy at full concurrency plus ordinary traffic.
                .maxConnections(config.multipartCopyMaxConcurrency() + 50)
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofMinutes(2));
        if (config.skipVerify()) {
            return builder.buildWithDefaults(AttributeMap.builder()
                    .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE)
                    .build());
        }
        return builder.build();
    }
}
