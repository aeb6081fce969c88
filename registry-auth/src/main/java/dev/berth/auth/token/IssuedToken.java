package dev.berth.auth.token;

import dev.berth.auth.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A signed token with what a token endpoint answers about it.
 *
 * @param token     the compact JWT
 * @param issuedAt  its {@code iat}
 * @param expiresIn its lifetime ({@code exp - iat})
 * @param access    the scopes it grants
 */
public record IssuedToken(String token, Instant issuedAt, Duration expiresIn, List<Scope> access) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresIn, "expiresIn");
        access = List.copyOf(access);
    }

    @Override
    public String toString() {
        return "IssuedToken[issuedAt=" + issuedAt + ", expiresIn=" + expiresIn + ", access=" + access + "]";
    }
}
