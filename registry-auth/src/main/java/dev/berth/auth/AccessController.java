package dev.berth.auth;

import java.util.Optional;

/**
 * Decides whether a request may do what it asks. The registry calls it before every
 * operation; token auth, htpasswd and an embedder's own logic are implementations of it.
 */
@FunctionalInterface
public interface AccessController {

    AccessDecision authorize(AccessRequest request);

    /** Grants everything to everyone: the registry without an {@code auth} section. */
    static AccessController allowAll() {
        return request -> AccessDecision.granted(Optional.empty(), request.scopes());
    }
}
