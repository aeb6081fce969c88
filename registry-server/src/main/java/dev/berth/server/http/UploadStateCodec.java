package dev.berth.server.http;

import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the {@code _state} query parameter of upload URLs: the upload's name, id,
 * offset and start time, HMAC-SHA256-signed with {@code http.secret} so that any node sharing
 * the secret and the storage can carry on an upload another node started, and no client can
 * forge or alter one. The form is {@code base64url(json) "." base64url(mac)}.
 */
final class UploadStateCodec {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Far more than a sealed state takes; anything longer is refused before any work. */
    private static final int MAX_TOKEN_LENGTH = 2048;

    /** Set once: at construction from a configured secret, else on first use from {@link SecureRandom}. */
    private volatile SecretKeySpec key;

    UploadStateCodec(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the upload state secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    private UploadStateCodec() {
    }

    /**
     * A codec with a random secret of its own, drawn when the first upload needs it rather than
     * now: {@link SecureRandom} loads the JCA providers (some 30 ms in a fresh JVM), which a
     * registry that is only starting — a test's — has no use for yet.
     */
    static UploadStateCodec withRandomSecret() {
        return new UploadStateCodec();
    }

    /** What an upload URL carries between requests. */
    record UploadState(String name, String uuid, long offset, Instant startedAt) {

        UploadState {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(startedAt, "startedAt");
        }
    }

    String seal(UploadState state) {
        try {
            byte[] payload = Json.mapper().writeValueAsBytes(new Wire(state.name(), state.uuid(), state.offset(),
                    state.startedAt().toString()));
            return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
        } catch (IOException e) {
            throw new IllegalStateException("an upload state is always writable", e);
        }
    }

    /**
     * Opens a sealed state and checks it belongs to {@code name} and {@code uuid}. A missing,
     * malformed, forged or misplaced state is {@code BLOB_UPLOAD_INVALID}: the client must start over.
     */
    UploadState open(String token, RepositoryName name, String uuid) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("missing or oversized _state");
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw invalid("malformed _state");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid("malformed _state");
        }
        // Constant time: a byte-by-byte early exit would let a client find a valid MAC by timing.
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            throw invalid("_state signature does not verify");
        }
        UploadState state;
        try {
            Wire wire = Json.mapper().readValue(payload, Wire.class);
            state = new UploadState(wire.name(), wire.uuid(), wire.offset(), Instant.parse(wire.startedAt()));
        } catch (IOException | RuntimeException e) {
            throw invalid("unreadable _state");
        }
        if (!state.name().equals(name.value()) || !state.uuid().equals(uuid)) {
            throw invalid("_state belongs to another upload");
        }
        return state;
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java platform", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    key = new SecretKeySpec(random, ALGORITHM);
                }
                current = key;
            }
        }
        return current;
    }

    private static RegistryException invalid(String detail) {
        return ErrorCode.BLOB_UPLOAD_INVALID.exception("blob upload invalid", detail);
    }

    /** The JSON form of a state. */
    private record Wire(String name, String uuid, long offset, String startedAt) {
    }

    static byte[] secretBytes(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
