package dev.berth.auth.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.AccessRequest;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Scope;
import dev.berth.auth.keys.KeyPairs;
import dev.berth.auth.keys.PemKeys;
import dev.berth.auth.token.TokenAccessController;
import dev.berth.auth.token.TokenAuthSettings;
import dev.berth.auth.token.TokenIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** An endpoint with two users and GitLab-like project rules, and a registry trusting its key. */
abstract class EndpointFixture {

    static final String SERVICE = "container_registry";
    // Fixed, but near the real time: certificates made with the system clock must be valid at NOW.
    static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();

    /** alice maintains group/app; bob reports on it (pull only). */
    static final Authenticator USERS = credentials -> {
        Map<String, String> passwords = Map.of("alice", "wonderland", "bob", "builder");
        String expected = passwords.getOrDefault(credentials.username(), "");
        boolean ok = passwords.containsKey(credentials.username()) && MessageDigest.isEqual(
                expected.getBytes(), credentials.password().getBytes());
        return ok ? Optional.of(credentials.username()) : Optional.empty();
    };
    static final Authorizer PROJECTS = (subject, requested) -> requested.stream().map(scope -> {
        if (subject.filter("alice"::equals).isPresent() && scope.name().startsWith("group/")) {
            return new Scope(scope.type(), scope.name(), Set.of("*"));
        }
        return new Scope(scope.type(), scope.name(), scope.name().startsWith("public/") || subject.isPresent()
                ? Set.of("pull") : Set.of());
    }).toList();

    @TempDir
    static Path dir;
    static TokenIssuer issuer;
    static TokenAccessController registry;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairs.SigningPair pair = KeyPairs.generate(KeyPairs.Kind.EC_P256, "issuer", Duration.ofDays(1), Clock.systemUTC());
        issuer = TokenIssuer.builder().issuer("berth-issuer").signingKey(pair.keyPair()).clock(CLOCK).build();
        Path bundle = Files.writeString(dir.resolve("registry.crt"), PemKeys.toPem(pair.certificate()));
        registry = TokenAccessController.create(TokenAuthSettings.builder().realm("http://auth/jwt/auth")
                .service(SERVICE).issuer("berth-issuer").rootCertBundle(bundle).clock(CLOCK).build());
    }

    static TokenEndpoint endpoint(boolean anonymous) {
        return TokenEndpoint.builder().issuer(issuer).service(SERVICE).authenticator(USERS).authorizer(PROJECTS)
                .anonymousAllowed(anonymous).realm("GitLab").build();
    }

    static TokenResponse get(String query, String user, String password) {
        return endpoint(true).handle(TokenRequest.get(query,
                Optional.ofNullable(user).map(u -> new BasicCredentials(u, password).toHeader())));
    }

    static JsonNode json(TokenResponse response) throws Exception {
        return JSON.readTree(response.bodyText());
    }

    static AccessDecision present(String token, Scope... wanted) {
        return registry.authorize(new AccessRequest(List.of(wanted), Optional.of("Bearer " + token), "test"));
    }
}
