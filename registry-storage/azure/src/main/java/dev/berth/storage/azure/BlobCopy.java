package dev.berth.storage.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobBeginCopySourceRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlobType;
import com.azure.storage.blob.models.CopyStatusType;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import com.azure.storage.blob.options.BlobCopyFromUrlOptions;
import com.azure.core.http.RequestConditions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A server-side copy onto one destination blob. Up to 256 MiB the service copies synchronously
 * ("Copy Blob From URL", block blobs only); above, or for other blob types, it copies
 * asynchronously and the copy status is polled with a linearly growing wait, up to the configured
 * number of polls, after which the copy is aborted, as distribution does.
 */
final class BlobCopy {

    private final AzureSettings settings;
    private final BlobClient destination;
    private final String destPath;

    BlobCopy(AzureSettings settings, BlobClient destination, String destPath) {
        this.settings = settings;
        this.destination = destination;
        this.destPath = destPath;
    }

    /** Copies the source as it is now (its ETag), authorized by a read SAS token for the source. */
    void copy(BlobClient source, BlobProperties properties, String sasToken, boolean small) throws IOException {
        String sourceUrl = source.getBlobUrl() + "?" + sasToken;
        RequestConditions sameVersion = new RequestConditions().setIfMatch(properties.getETag());
        try {
            if (small && properties.getBlobType() == BlobType.BLOCK_BLOB) {
                destination.copyFromUrlWithResponse(new BlobCopyFromUrlOptions(sourceUrl)
                        .setSourceRequestConditions(sameVersion), null, null);
                return;
            }
            BlobCopyInfo started = destination.beginCopy(new BlobBeginCopyOptions(sourceUrl)
                    .setSourceRequestConditions(new BlobBeginCopySourceRequestConditions()
                            .setIfMatch(properties.getETag()))
                    .setPollInterval(settings.copyPollDelay()))
                    .poll().getValue();
            awaitCopy(started);
        } catch (BlobStorageException e) {
            throw AzureErrors.translate(e, destPath);
        }
    }

    private void awaitCopy(BlobCopyInfo started) throws IOException {
        CopyStatusType status = started.getCopyStatus();
        String copyId = started.getCopyId();
        for (int attempt = 1; status == CopyStatusType.PENDING; attempt++) {
            if (attempt > settings.copyPollMaxRetry()) {
                destination.abortCopyFromUrl(copyId);
                throw new IOException(AzureDriver.NAME + ": copy to " + destPath + " still pending after "
                        + settings.copyPollMaxRetry() + " polls; aborted");
            }
            try {
                Thread.sleep(Math.min(settings.copyPollDelay().multipliedBy(attempt).toMillis(),
                        Duration.ofSeconds(5).toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                destination.abortCopyFromUrl(copyId);
                throw new InterruptedIOException("interrupted waiting for the copy to " + destPath);
            }
            BlobProperties now = destination.getProperties();
            status = now.getCopyStatus();
            copyId = now.getCopyId();
            if (status == CopyStatusType.FAILED || status == CopyStatusType.ABORTED) {
                throw new IOException(AzureDriver.NAME + ": copy to " + destPath + " " + status + ": "
                        + now.getCopyStatusDescription());
            }
        }
        if (status != CopyStatusType.SUCCESS) {
            throw new IOException(AzureDriver.NAME + ": copy to " + destPath + " ended " + status);
        }
    }
}
