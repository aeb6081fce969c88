package dev.berth.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The answer of an {@link AccessController}: granted, or refused with a challenge. */
public sealed interface AccessDecision {

    /**
     * Access granted to {@code subject} (empty for anonymous access). {@code scopes} are what the
     * credentials grant: for a token its whole {@code access} claim, which may be more than the
     * request asked for (the catalog can filter on it); otherwise the scopes requested.
     */
    record Granted(Optional<String> subject, List<Scope> scopes) implements AccessDecision {

        public Granted {
            Objects.requireNonNull(subject, "subject");
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * Access refused. {@code status} is 401 when the client should authenticate (with
     * {@code wwwAuthenticate} telling it how) and 403 when it did and is not allowed.
     * {@code message} is safe to show the client; it never holds credentials.
     */
    record Refused(int status, Optional<String> wwwAuthenticate, String message) implements AccessDecision {

        public Refused {
            if (status != 401 && status != 403) {
                throw new IllegalArgumentException("a refusal is 401 or 403, not " + status);
            }
            Objects.requireNonNull(wwwAuthenticate, "wwwAuthenticate");
            Objects.requireNonNull(message, "message");
        }
    }

    static AccessDecision granted(Optional<String> subject, List<Scope> scopes) {
        return new Granted(subject, scopes);
    }

    /** A 401 with the challenge the client should answer. */
    static AccessDecision unauthorized(String wwwAuthenticate, String message) {
        return new Refused(401, Optional.of(wwwAuthenticate), message);
    }
}
