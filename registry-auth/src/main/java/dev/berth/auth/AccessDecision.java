package dev.berth.auth;

import java.util.List;
import java.util.Optional;

/** The answer of an {@link AccessController}: granted, or refused with a challenge. */
public sealed interface AccessDecision {

    /** Access granted to {@code subject} (empty for anonymous access). */
    record Granted(Optional<String> subject, List<Scope> scopes) implements AccessDecision {

        public Granted {
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * Access refused. {@code status} is 401 when the client should authenticate (with
     * {@code wwwAuthenticate} telling it how) and 403 when it did and is not allowed.
     */
    record Refused(int status, Optional<String> wwwAuthenticate, String message) implements AccessDecision {
    }

    static AccessDecision granted(Optional<String> subject, List<Scope> scopes) {
        return new Granted(subject, scopes);
    }
}
