package dev.berth.auth.token;

import dev.berth.auth.AccessController;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.AccessRequest;
import dev.berth.auth.Challenges;
import dev.berth.auth.Scope;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token authentication, registry side: every request needs a bearer JWT from the configured
 * realm whose {@code access} claim covers what the request does. Refusals are 401 with
 * {@code WWW-Authenticate: Bearer realm="…",service="…",scope="…"} naming exactly the scopes
 * the request needs, plus {@code error="invalid_token"} for a token that fails verification
 * and {@code error="insufficient_scope"} for one that lacks an action.
 */
public final class TokenAccessController implements AccessController {

    private static final Logger LOG = LoggerFactory.getLogger(TokenAccessController.class);

    private final TokenAuthSettings settings;
    private final TokenVerifier verifier;

    private TokenAccessController(TokenAuthSettings settings, TrustedKeys keys) {
        this.settings = settings;
        this.verifier = new TokenVerifier(settings, keys);
    }

    /**
     * Reads the trusted certificates and JWKS now, so a broken {@code rootcertbundle} stops the
     * registry at start-up rather than refusing every login later.
     *
     * @throws IllegalArgumentException when the files hold no usable key
     * @throws java.io.UncheckedIOException when a file cannot be read
     */
    public static TokenAccessController create(TokenAuthSettings settings) {
        return new TokenAccessController(settings, TrustedKeys.load(settings.rootCertBundle(), settings.jwks()));
    }

    public TokenAuthSettings settings() {
        return settings;
    }

    @Override
    public AccessDecision authorize(AccessRequest request) {
        Optional<String> token = request.authorization().flatMap(TokenAccessController::bearerToken);
        if (token.isEmpty()) {
            return challenge(request, null, "authentication required");
        }
        TokenVerifier.Verified verified;
        try {
            verified = verifier.verify(token.get());
        } catch (TokenVerifier.Rejected e) {
            LOG.info("{} (client {})", e.getMessage(), request.remoteAddress());
            LOG.warn("error authorizing context: invalid token (client {})", request.remoteAddress());
            return challenge(request, "invalid_token", "invalid token");
        }
        List<Scope> granted = Scope.merge(verified.access());
        for (Scope wanted : request.scopes()) {
            if (granted.stream().noneMatch(scope -> scope.covers(wanted))) {
                LOG.warn("error authorizing context: insufficient scope: token for {} lacks {} (client {})",
                        verified.subject().orElse("anonymous"), wanted, request.remoteAddress());
                return challenge(request, "insufficient_scope", "insufficient scope: " + wanted);
            }
        }
        return AccessDecision.granted(verified.subject(), granted);
    }

    private AccessDecision challenge(AccessRequest request, String error, String message) {
        StringBuilder header = new StringBuilder("Bearer realm=").append(Challenges.quote(realm(request)))
                .append(",service=").append(Challenges.quote(settings.service()));
        if (!request.scopes().isEmpty()) {
            String scopes = Scope.merge(request.scopes()).stream().map(Scope::toString)
                    .collect(Collectors.joining(" "));
            header.append(",scope=").append(Challenges.quote(scopes));
        }
        if (error != null) {
            header.append(",error=").append(Challenges.quote(error));
        }
        return AccessDecision.unauthorized(header.toString(), message);
    }

    /** With {@code autoredirect}, the realm is this registry's own host, as distribution builds it. */
    private String realm(AccessRequest request) {
        if (!settings.autoRedirect() || request.host().isEmpty()) {
            return settings.realm();
        }
        String scheme = request.forwardedProto().filter(p -> !p.isBlank()).orElse("https");
        return scheme + "://" + request.host().get() + settings.autoRedirectPath();
    }

    private static Optional<String> bearerToken(String authorization) {
        int space = authorization.indexOf(' ');
        if (space <= 0 || !authorization.substring(0, space).equalsIgnoreCase("bearer")) {
            return Optional.empty();
        }
        String token = authorization.substring(space + 1).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
