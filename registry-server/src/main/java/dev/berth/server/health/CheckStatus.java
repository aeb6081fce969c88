package dev.berth.server.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last verdict on a check: {@code error} is empty while it is healthy. A check with a
 * threshold stays healthy until that many probes in a row have failed; {@code failures} counts
 * them. {@code checkedAt} is {@link Instant#EPOCH} before the first probe.
 */
public record CheckStatus(String name, Optional<String> error, int failures, Instant checkedAt) {

    public CheckStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    public boolean healthy() {
        return error.isEmpty();
    }
}
