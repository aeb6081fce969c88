package dev.berth.auth;

import java.util.List;
import java.util.Optional;

/**
 * What a request asks for, in terms free of any HTTP library: the scopes the operation needs
 * (empty for the {@code /v2/} base endpoint, which needs only a valid identity) and the
 * credentials it came with.
 *
 * @param scopes        what the operation needs
 * @param authorization the {@code Authorization} header, if any
 * @param remoteAddress the client's address, for logs
 */
public record AccessRequest(List<Scope> scopes, Optional<String> authorization, String remoteAddress) {

    public AccessRequest {
        scopes = List.copyOf(scopes);
    }
}
