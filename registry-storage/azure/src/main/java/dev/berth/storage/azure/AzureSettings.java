package dev.berth.storage.azure;

import dev.berth.storage.driver.DriverParameters;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code storage.azure} section of {@code config.yml}, typed.
 *
 * @param accountName the storage account
 * @param accountKey its shared key; empty to authenticate with {@code DefaultAzureCredential}
 * @param container the blob container holding the registry (it must exist)
 * @param serviceUrl the blob endpoint: {@code https://<account>.blob.<realm>} unless set (emulators)
 * @param rootDirectory the virtual directory holding the registry, empty for the container root
 * @param legacyRootPrefix whether blob names keep the legacy leading slash ({@code trimlegacyrootprefix: false})
 * @param blockSize the size of each staged block, and so the memory each open writer holds
 * @param copyPollDelay the first wait between polls of an asynchronous copy; later waits grow linearly
 * @param copyPollMaxRetry polls of an asynchronous copy before it is aborted and the move fails
 */
public record AzureSettings(
        String accountName,
        Optional<String> accountKey,
        String container,
        URI serviceUrl,
        String rootDirectory,
        boolean legacyRootPrefix,
        int blockSize,
        Duration copyPollDelay,
        int copyPollMaxRetry) {

    /** Azure's limit for one staged block is far above this; the bound keeps a writer's buffer sane. */
    static final int MAX_BLOCK_SIZE = 256 << 20;
    static final int MIN_BLOCK_SIZE = 64 << 10;
    static final int DEFAULT_BLOCK_SIZE = 4 << 20;

    public AzureSettings {
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(accountKey, "accountKey");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(serviceUrl, "serviceUrl");
        Objects.requireNonNull(rootDirectory, "rootDirectory");
        Objects.requireNonNull(copyPollDelay, "copyPollDelay");
        if (accountName.isEmpty() || container.isEmpty()) {
            throw new IllegalArgumentException("storage.azure needs accountname and container");
        }
        if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("storage.azure.chunksize must lie between "
                    + MIN_BLOCK_SIZE + " and " + MAX_BLOCK_SIZE + ", not " + blockSize);
        }
        if (copyPollMaxRetry < 1 || copyPollDelay.isNegative() || copyPollDelay.isZero()) {
            throw new IllegalArgumentException("storage.azure copy polling needs a positive delay and retry count");
        }
    }

    /** Reads distribution's parameter names (and GitLab's {@code trimlegacyrootprefix}/{@code legacyrootprefix}). */
    public static AzureSettings from(DriverParameters parameters) {
        String accountName = parameters.required("accountname");
        String realm = parameters.string("realm", "core.windows.net");
        URI serviceUrl = URI.create(parameters.string("serviceurl", "https://" + accountName + ".blob." + realm));
        boolean trim = parameters.bool("trimlegacyrootprefix", true);
        boolean legacy = parameters.bool("legacyrootprefix", false);
        if (legacy && parameters.string("trimlegacyrootprefix").isPresent() && trim) {
            throw new IllegalArgumentException(
                    "storage.azure.legacyrootprefix and trimlegacyrootprefix can not both be true");
        }
        long blockSize = parameters.bytes("chunksize", DEFAULT_BLOCK_SIZE);
        return new AzureSettings(
                accountName,
                parameters.string("accountkey"),
                parameters.required("container"),
                serviceUrl,
                parameters.string("rootdirectory", ""),
                legacy || !trim,
                (int) Math.min(blockSize, Integer.MAX_VALUE),
                parameters.duration("copy_status_poll_delay", Duration.ofMillis(100)),
                (int) parameters.number("copy_status_poll_max_retry", 300));
    }

    /** Settings for an emulator or a test: shared key, standard layout, default block size. */
    public static AzureSettings of(String accountName, String accountKey, String container, URI serviceUrl) {
        return new AzureSettings(accountName, Optional.of(accountKey), container, serviceUrl, "", false,
                DEFAULT_BLOCK_SIZE, Duration.ofMillis(100), 300);
    }

    public AzureSettings withRootDirectory(String root, boolean legacy) {
        return new AzureSettings(accountName, accountKey, container, serviceUrl, root, legacy, blockSize,
                copyPollDelay, copyPollMaxRetry);
    }

    public AzureSettings withBlockSize(int size) {
        return new AzureSettings(accountName, accountKey, container, serviceUrl, rootDirectory, legacyRootPrefix,
                size, copyPollDelay, copyPollMaxRetry);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "AzureSettings[account=" + accountName + ", container=" + container + ", serviceUrl=" + serviceUrl
                + ", rootDirectory=" + rootDirectory + ", legacyRootPrefix=" + legacyRootPrefix
                + ", key=" + (accountKey.isPresent() ? "shared" : "DefaultAzureCredential") + "]";
    }
}
