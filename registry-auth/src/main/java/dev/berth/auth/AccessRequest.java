package dev.berth.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request asks for, in terms free of any HTTP library: the scopes the operation needs
 * (empty for the {@code /v2/} base endpoint, which needs only a valid identity) and the
 * credentials it came with.
 *
 * @param scopes         what the operation needs
 * @param authorization  the {@code Authorization} header, if any
 * @param remoteAddress  the client's address, for logs
 * @param host           the request's {@code Host} header, if known; token auth with
 *                       {@code autoredirect} builds its realm from it
 * @param forwardedProto the {@code X-Forwarded-Proto} header, if any (the realm's scheme when
 *                       {@code autoredirect} is on; {@code https} otherwise, as distribution does)
 */
public record AccessRequest(List<Scope> scopes, Optional<String> authorization, String remoteAddress,
                            Optional<String> host, Optional<String> forwardedProto) {

    public AccessRequest {
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(forwardedProto, "forwardedProto");
    }

    /** A request without host information (enough for everything but {@code autoredirect}). */
    public AccessRequest(List<Scope> scopes, Optional<String> authorization, String remoteAddress) {
        this(scopes, authorization, remoteAddress, Optional.empty(), Optional.empty());
    }
}
