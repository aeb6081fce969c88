package dev.berth.auth.endpoint;

import dev.berth.auth.Scope;
import java.util.List;
import java.util.Optional;

/**
 * Decides which of the requested scopes a subject gets, as GitLab decides from project
 * membership. It may grant fewer actions than asked (a reporter asking for push gets pull);
 * the endpoint intersects the answer with the request, so it can never grant more.
 */
@FunctionalInterface
public interface Authorizer {

    /**
     * @param subject   the authenticated user, empty for an anonymous request
     * @param requested what the client asked for, one scope per resource
     * @return the scopes granted; resources or actions not requested are dropped
     */
    List<Scope> authorize(Optional<String> subject, List<Scope> requested);
}
