package dev.berth.auth.endpoint;

import dev.berth.auth.BasicCredentials;
import java.util.Optional;

/**
 * Checks a user's credentials for the token endpoint: the embedder's user database, LDAP, a
 * personal-access-token table. Implementations compare secrets in constant time.
 */
@FunctionalInterface
public interface Authenticator {

    /** The authenticated subject (the token's {@code sub}), or empty when the credentials are wrong. */
    Optional<String> authenticate(BasicCredentials credentials);
}
