package dev.berth.examples.tokenauth;

import com.sun.net.httpserver.HttpServer;
import dev.berth.auth.endpoint.JdkTokenHandler;
import dev.berth.auth.endpoint.TokenEndpoint;
import dev.berth.auth.keys.KeyPairs;
import dev.berth.auth.token.TokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The GitLab role in a hundred lines: authenticates users, decides their project permissions,
 * and signs registry tokens at {@code /jwt/auth}. Point a Berth (or distribution) registry's
 * {@code auth.token} at it:
 *
 * <pre>
 * auth:
 *   token:
 *     realm: http://127.0.0.1:5001/jwt/auth
 *     service: container_registry
 *     issuer: berth-example-issuer
 *     rootcertbundle: ./token-auth/registry.crt
 * </pre>
 *
 * Usage: {@code TokenAuthExample [port] [directory]} (defaults 5001 and {@code ./token-auth});
 * a missing {@code registry.key}/{@code registry.crt} pair is generated in the directory.
 */
public final class TokenAuthExample implements AutoCloseable {

    public static final String SERVICE = "container_registry";
    public static final String ISSUER = "berth-example-issuer";

    private final HttpServer server;
    private final Path certificate;

    private TokenAuthExample(HttpServer server, Path certificate) {
        this.server = server;
        this.certificate = certificate;
    }

    /** Starts on loopback at {@code port} (0 picks a free one), keys in {@code directory}. */
    public static TokenAuthExample start(int port, Path directory) {
        return start(port, directory, 10);
    }

    /** As {@link #start(int, Path)}, with a cheaper bcrypt cost for tests. */
    static TokenAuthExample start(int port, Path directory, int bcryptCost) {
        try {
            Path key = directory.resolve("registry.key");
            Path certificate = directory.resolve("registry.crt");
            if (!Files.exists(key) || !Files.exists(certificate)) {
                KeyPairs.generate(KeyPairs.Kind.RSA_2048, ISSUER, Duration.ofDays(365), Clock.systemUTC())
                        .write(key, certificate);
            }
            TokenIssuer issuer = TokenIssuer.builder().issuer(ISSUER).signingKey(key).build();
            Directory directoryOfUsers = Directory.demo(bcryptCost);
            TokenEndpoint endpoint = TokenEndpoint.builder().issuer(issuer).service(SERVICE)
                    .authenticator(directoryOfUsers).authorizer(directoryOfUsers)
                    .anonymousAllowed(true).realm("Berth example token service").build();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/jwt/auth", new JdkTokenHandler(endpoint));
            server.start();
            return new TokenAuthExample(server, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The realm to configure: {@code http://127.0.0.1:<port>/jwt/auth}. */
    public URI realm() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwt/auth");
    }

    /** The certificate to configure as the registry's {@code rootcertbundle}. */
    public Path certificate() {
        return certificate;
    }

    /** The {@code auth} section of a registry config.yml that trusts this service. */
    public String configSnippet() {
        return "auth:\n  token:\n    realm: " + realm() + "\n    service: " + SERVICE + "\n    issuer: " + ISSUER
                + "\n    rootcertbundle: " + certificate.toAbsolutePath() + "\n";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5001;
        Path directory = Path.of(args.length > 1 ? args[1] : "token-auth");
        TokenAuthExample example = start(port, directory);
        System.out.println("token service at " + example.realm() + "; registry config:\n" + example.configSnippet());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            example.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
