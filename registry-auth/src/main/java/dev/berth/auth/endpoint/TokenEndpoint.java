package dev.berth.auth.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Challenges;
import dev.berth.auth.Scope;
import dev.berth.auth.token.IssuedToken;
import dev.berth.auth.token.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint, application side (GitLab's {@code /jwt/auth}), as a transport-neutral
 * handler: mount it in Berth's server, in the embedder's HTTP stack, or in the JDK's server
 * with {@link JdkTokenHandler}.
 *
 * <ul>
 *   <li>{@code GET ?service=…&scope=…&scope=…&account=…[&offline_token=true]} with Basic
 *       credentials (or none, when anonymous access is allowed) answers
 *       {@code {"token","access_token","expires_in","issued_at"[,"refresh_token"]}} — the
 *       Docker token spec.</li>
 *   <li>{@code POST} form with {@code grant_type=password} ({@code username},
 *       {@code password}) or {@code grant_type=refresh_token} ({@code refresh_token}), plus
 *       {@code service}, {@code scope}, {@code client_id}, {@code access_type=offline} — the
 *       OAuth2 form docker and containerd send.</li>
 * </ul>
 *
 * The {@link Authorizer}'s answer is intersected with the request: a token never grants a
 * resource or action that was not asked for.
 */
public final class TokenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenIssuer issuer;
    private final String service;
    private final String realm;
    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final boolean anonymousAllowed;

    private TokenEndpoint(Builder builder) {
        this.issuer = Objects.requireNonNull(builder.issuer, "issuer");
        this.service = requireText(builder.service, "service");
        this.realm = requireText(builder.realm, "realm");
        this.authenticator = Objects.requireNonNull(builder.authenticator, "authenticator");
        this.authorizer = Objects.requireNonNull(builder.authorizer, "authorizer");
        this.anonymousAllowed = builder.anonymousAllowed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Answers one request; never throws for bad input. */
    public TokenResponse handle(TokenRequest request) {
        try {
            return switch (request.method()) {
                case "GET" -> get(request);
                case "POST" -> post(request);
                default -> error(405, "unsupported", "use GET or POST");
            };
        } catch (IllegalArgumentException e) {
            return error(400, "invalid_request", e.getMessage());
        }
    }

    private TokenResponse get(TokenRequest request) {
        FormParameters query = FormParameters.parse(request.rawQuery());
        Optional<TokenResponse> wrongService = checkService(query);
        if (wrongService.isPresent()) {
            return wrongService.get();
        }
        Optional<BasicCredentials> credentials = request.authorization().flatMap(BasicCredentials::parse);
        Optional<String> subject = Optional.empty();
        if (credentials.isPresent()) {
            subject = authenticator.authenticate(credentials.get());
            if (subject.isEmpty()) {
                LOG.info("token request refused: wrong credentials for \"{}\"", credentials.get().username());
                return unauthorized("invalid username or password");
            }
            Optional<String> account = query.first("account").filter(a -> !a.isEmpty());
            if (account.isPresent() && !account.get().equals(credentials.get().username())) {
                return unauthorized("account does not match the credentials");
            }
        } else if (!anonymousAllowed) {
            return unauthorized("authentication required");
        }
        boolean offline = query.first("offline_token").filter("true"::equalsIgnoreCase).isPresent();
        return grant(subject, requestedScopes(query.all("scope")), offline && subject.isPresent(), false);
    }

    private TokenResponse post(TokenRequest request) {
        String contentType = request.contentType().orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return error(400, "invalid_request", "expected an application/x-www-form-urlencoded form");
        }
        FormParameters form = FormParameters.parse(new String(request.body(), StandardCharsets.UTF_8));
        Optional<TokenResponse> wrongService = checkService(form);
        if (wrongService.isPresent()) {
            return wrongService.get();
        }
        List<Scope> requested = requestedScopes(form.all("scope"));
        boolean offline = form.first("access_type").filter("offline"::equals).isPresent();
        String grantType = form.first("grant_type").orElse("");
        switch (grantType) {
            case "password" -> {
                BasicCredentials credentials = new BasicCredentials(form.first("username").orElse(""),
                        form.first("password").orElse(""));
                Optional<String> subject = authenticator.authenticate(credentials);
                if (subject.isEmpty()) {
                    LOG.info("token request refused: wrong credentials for \"{}\"", credentials.username());
                    return error(400, "invalid_grant", "invalid username or password");
                }
                return grant(subject, requested, offline, true);
            }
            case "refresh_token" -> {
                Optional<String> subject = issuer.verifyRefreshToken(form.first("refresh_token").orElse(""), service);
                if (subject.isEmpty()) {
                    return error(400, "invalid_grant", "invalid or expired refresh token");
                }
                return grant(subject, requested, true, true);
            }
            default -> {
                return error(400, "unsupported_grant_type", "grant_type must be password or refresh_token");
            }
        }
    }

    private TokenResponse grant(Optional<String> subject, List<Scope> requested, boolean withRefresh, boolean oauth) {
        List<Scope> granted = intersect(requested, authorizer.authorize(subject, requested));
        IssuedToken token = issuer.issue(subject, service, granted);
        Map<String, Object> body = new LinkedHashMap<>();
        if (!oauth) {
            body.put("token", token.token());
        }
        body.put("access_token", token.token());
        body.put("expires_in", token.expiresIn().toSeconds());
        body.put("issued_at", token.issuedAt().toString());
        if (oauth) {
            body.put("scope", String.join(" ", granted.stream().map(Scope::toString).toList()));
        }
        if (withRefresh) {
            body.put("refresh_token", issuer.issueRefreshToken(subject.orElseThrow(), service));
        }
        LOG.debug("issued token for {}: {}", subject.orElse("anonymous"), granted);
        return json(200, body, Map.of());
    }

    /** Each granted scope cut down to the actions requested on the same resource. */
    static List<Scope> intersect(List<Scope> requested, List<Scope> granted) {
        List<Scope> result = new ArrayList<>();
        for (Scope wanted : requested) {
            Set<String> actions = new TreeSet<>();
            for (Scope scope : granted) {
                if (scope.sameResource(wanted)) {
                    for (String action : wanted.actions()) {
                        if (scope.actions().contains(action) || scope.actions().contains(Scope.ALL)) {
                            actions.add(action);
                        }
                    }
                }
            }
            if (!actions.isEmpty()) {
                result.add(new Scope(wanted.type(), wanted.name(), actions));
            }
        }
        return List.copyOf(result);
    }

    private static List<Scope> requestedScopes(List<String> parameters) {
        List<Scope> scopes = new ArrayList<>();
        for (String parameter : parameters) {
            scopes.addAll(Scope.parseAll(parameter));
        }
        return Scope.merge(scopes);
    }

    private Optional<TokenResponse> checkService(FormParameters parameters) {
        Optional<String> requested = parameters.first("service");
        if (requested.isPresent() && !requested.get().equals(service)) {
            return Optional.of(error(400, "invalid_request", "unknown service: " + requested.get()));
        }
        return Optional.empty();
    }

    private TokenResponse unauthorized(String message) {
        return error(401, "unauthorized", message, Map.of("WWW-Authenticate", Challenges.basic(realm)));
    }

    private static TokenResponse error(int status, String code, String message) {
        return error(status, code, message, Map.of());
    }

    /**
     * Errors carry both shapes: OAuth2's {@code error}/{@code error_description}, which
     * containerd reads, and the registry's {@code errors} array, which docker prints.
     */
    private static TokenResponse error(int status, String code, String message, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", message);
        body.put("errors", List.of(Map.of("code", code.toUpperCase(Locale.ROOT), "message", message)));
        return json(status, body, headers);
    }

    private static TokenResponse json(int status, Map<String, Object> body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.put("Pragma", "no-cache");
        try {
            return new TokenResponse(status, headers, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialize", e);
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** Builds an endpoint; issuer, service, authenticator and authorizer are required. */
    public static final class Builder {
        private TokenIssuer issuer;
        private String service;
        private String realm = "Berth token service";
        private Authenticator authenticator;
        private Authorizer authorizer;
        private boolean anonymousAllowed;

        private Builder() {
        }

        public Builder issuer(TokenIssuer issuer) {
            this.issuer = issuer;
            return this;
        }

        /** The registry's {@code auth.token.service}: the only audience tokens are made for. */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** The Basic realm named when credentials are missing or wrong. */
        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        public Builder authorizer(Authorizer authorizer) {
            this.authorizer = authorizer;
            return this;
        }

        /** Whether a request without credentials gets a token (for public repositories). */
        public Builder anonymousAllowed(boolean anonymousAllowed) {
            this.anonymousAllowed = anonymousAllowed;
            return this;
        }

        public TokenEndpoint build() {
            return new TokenEndpoint(this);
        }
    }
}
