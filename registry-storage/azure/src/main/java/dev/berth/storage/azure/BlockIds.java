package dev.berth.storage.azure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Block ids derived from the block's offset in the blob. Azure wants every id of one blob
 * base64-encoded and of one length; an id that names its offset also makes a retried or repeated
 * stage of the same bytes replace the earlier block instead of adding one, and lets a writer on
 * another node rebuild the block order from the list of uncommitted blocks alone.
 */
final class BlockIds {

    private static final int DIGITS = 20;

    private BlockIds() {
    }

    static String of(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        String digits = String.format("%0" + DIGITS + "d", offset);
        return Base64.getEncoder().encodeToString(digits.getBytes(StandardCharsets.US_ASCII));
    }

    /** The offset an id names, or empty for an id this scheme did not make (another writer's). */
    static OptionalLong offset(String id) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(id);
        } catch (IllegalArgumentException notBase64) {
            return OptionalLong.empty();
        }
        if (decoded.length != DIGITS) {
            return OptionalLong.empty();
        }
        for (byte b : decoded) {
            if (b < '0' || b > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(new String(decoded, StandardCharsets.US_ASCII)));
    }
}
