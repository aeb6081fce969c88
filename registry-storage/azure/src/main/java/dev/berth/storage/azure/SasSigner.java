package dev.berth.storage.azure;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.blob.specialized.BlobClientBase;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Short-lived, read-only SAS tokens for one blob: signed with the account key when there is one,
 * else with a user delegation key fetched through the token credential and reused while it
 * covers the token's lifetime. The token never carries the key itself.
 */
final class SasSigner {

    /** A user delegation key lives at most seven days; ask for a day and renew early. */
    private static final Duration DELEGATION_KEY_LIFETIME = Duration.ofDays(1);

    private final BlobServiceClient service;
    private final boolean sharedKey;
    private final Clock clock;
    private UserDelegationKey delegationKey;

    SasSigner(BlobServiceClient service, boolean sharedKey, Clock clock) {
        this.service = service;
        this.sharedKey = sharedKey;
        this.clock = clock;
    }

    /** A {@code ?}-less query string granting read access to the blob until now + expiry. */
    String readToken(BlobClientBase blob, Duration expiry) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime expiresAt = now.plus(expiry);
        BlobServiceSasSignatureValues values =
                new BlobServiceSasSignatureValues(expiresAt, new BlobSasPermission().setReadPermission(true))
                        // Clocks drift: a token valid from a few minutes ago works on a server that is ahead.
                        .setStartTime(now.minusMinutes(5));
        if (sharedKey) {
            return blob.generateSas(values);
        }
        return blob.generateUserDelegationSas(values, delegationKey(now, expiresAt));
    }

    private synchronized UserDelegationKey delegationKey(OffsetDateTime now, OffsetDateTime until) {
        if (delegationKey == null || delegationKey.getSignedExpiry().isBefore(until)) {
            delegationKey = service.getUserDelegationKey(now.minusMinutes(5),
                    now.plus(DELEGATION_KEY_LIFETIME).isAfter(until) ? now.plus(DELEGATION_KEY_LIFETIME) : until);
        }
        return delegationKey;
    }
}
