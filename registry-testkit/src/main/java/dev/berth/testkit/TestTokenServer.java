package dev.berth.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.berth.auth.AccessController;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Scope;
import dev.berth.auth.endpoint.JdkTokenHandler;
import dev.berth.auth.endpoint.TokenEndpoint;
import dev.berth.auth.keys.KeyPairs;
import dev.berth.auth.token.TokenAccessController;
import dev.berth.auth.token.TokenAuthSettings;
import dev.berth.auth.token.TokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application side of token auth, for tests: a signing key pair, a token endpoint on a
 * free loopback port with the users and grants a test declares, and the matching
 * {@link AccessController} for the registry. It also mints tokens directly — with chosen
 * scopes, already expired, or signed by a key the registry does not trust — for negative tests.
 *
 * <pre>{@code
 * TestTokenServer tokens = TestTokenServer.builder()
 *         .user("alice", "secret", Scope.repository("team/app", "pull", "push"))
 *         .start();
 * RegistryExtension.builder().accessController(tokens.accessController()).build();
 * }</pre>
 */
public final class TestTokenServer implements AutoCloseable {

    public static final String SERVICE = "berth-test";
    public static final String ISSUER = "berth-test-issuer";

    private final KeyPairs.SigningPair signingPair;
    private final Path certificate;
    private final Path directory;
    private final Map<String, String> passwords;
    private final Map<Optional<String>, List<Scope>> grants;
    private final HttpServer server;

    private TestTokenServer(Builder builder) throws IOException {
        this.signingPair = KeyPairs.generate(KeyPairs.Kind.RSA_2048, "berth-test-token-signer", Duration.ofDays(1), Clock.systemUTC());
        this.directory = Files.createTempDirectory("berth-token-server");
        this.certificate = directory.resolve("registry.crt");
        signingPair.write(directory.resolve("registry.key"), certificate);
        this.passwords = Map.copyOf(builder.passwords);
        this.grants = Map.copyOf(builder.grants);
        TokenEndpoint endpoint = TokenEndpoint.builder()
                .issuer(issuer(signingPair, Clock.systemUTC()))
                .service(SERVICE)
                .authenticator(this::authenticate)
                .authorizer(this::authorize)
                .anonymousAllowed(grants.containsKey(Optional.empty()))
                .build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwt/auth", new JdkTokenHandler(endpoint));
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The token endpoint: {@code http://127.0.0.1:<port>/jwt/auth}. */
    public URI realm() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwt/auth");
    }

    /** The certificate the registry trusts ({@code auth.token.rootcertbundle}). */
    public Path certificate() {
        return certificate;
    }

    /** The registry side: trusts this server's certificate, sends clients to its realm. */
    public AccessController accessController() {
        return TokenAccessController.create(TokenAuthSettings.builder()
                .realm(realm().toString())
                .service(SERVICE)
                .issuer(ISSUER)
                .rootCertBundle(certificate)
                .build());
    }

    /** A valid token for {@code subject} granting exactly {@code scopes}, whatever the grants say. */
    public String token(String subject, Scope... scopes) {
        return issuer(signingPair, Clock.systemUTC()).issue(Optional.of(subject), SERVICE, List.of(scopes)).token();
    }

    /** A token that expired an hour ago (beyond any leeway). */
    public String expiredToken(String subject, Scope... scopes) {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        return issuer(signingPair, past).issue(Optional.of(subject), SERVICE, List.of(scopes)).token();
    }

    /** A well-formed token signed by a key the registry has never seen. */
    public String forgedToken(String subject, Scope... scopes) {
        KeyPairs.SigningPair stranger = KeyPairs.generate(KeyPairs.Kind.RSA_2048, "stranger", Duration.ofDays(1), Clock.systemUTC());
        return issuer(stranger, Clock.systemUTC()).issue(Optional.of(subject), SERVICE, List.of(scopes)).token();
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            Files.deleteIfExists(directory.resolve("registry.key"));
            Files.deleteIfExists(certificate);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TokenIssuer issuer(KeyPairs.SigningPair pair, Clock clock) {
        return TokenIssuer.builder().issuer(ISSUER).signingKey(pair.keyPair()).clock(clock).build();
    }

    private Optional<String> authenticate(BasicCredentials credentials) {
        String expected = passwords.getOrDefault(credentials.username(), "");
        boolean matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                credentials.password().getBytes(StandardCharsets.UTF_8));
        return matches && passwords.containsKey(credentials.username()) ? Optional.of(credentials.username()) : Optional.empty();
    }

    /** What the test granted the subject; the endpoint intersects it with what was asked. */
    private List<Scope> authorize(Optional<String> subject, List<Scope> requested) {
        return grants.getOrDefault(subject, List.of());
    }

    /** Users, passwords and grants. */
    public static final class Builder {

        private final Map<String, String> passwords = new LinkedHashMap<>();
        private final Map<Optional<String>, List<Scope>> grants = new HashMap<>();

        private Builder() {
        }

        /** A user with a password and what they may do. */
        public Builder user(String username, String password, Scope... scopes) {
            passwords.put(username, password);
            grants.computeIfAbsent(Optional.of(username), user -> new ArrayList<>()).addAll(List.of(scopes));
            return this;
        }

        /** What anyone may do without credentials; anonymous tokens are refused without this. */
        public Builder anonymous(Scope... scopes) {
            grants.computeIfAbsent(Optional.empty(), user -> new ArrayList<>()).addAll(List.of(scopes));
            return this;
        }

        public TestTokenServer start() {
            grants.replaceAll((who, scopes) -> List.copyOf(scopes));
            try {
                return new TestTokenServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
