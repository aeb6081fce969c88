package dev.berth.server.interop;

import static dev.berth.server.interop.Tools.run;
import static dev.berth.server.interop.Tools.skopeo;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Scope;
import dev.berth.auth.endpoint.JdkTokenHandler;
import dev.berth.auth.endpoint.TokenEndpoint;
import dev.berth.auth.keys.KeyPairs;
import dev.berth.auth.token.KeyIdFormat;
import dev.berth.auth.token.TokenIssuer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth's issuing side against the reference registry: distribution 2.8 configured with
 * {@code auth.token} accepts tokens from {@link TokenIssuer} (libtrust kid and x5c, as it
 * computes them) and lets skopeo log in and push through {@link TokenEndpoint} — Berth can
 * play GitLab's part for an existing distribution registry.
 */
class DistributionTokenInteropTest {

    static final String SERVICE = "container_registry";
    static final String ISSUER = "berth-issuer";

    @TempDir
    Path work;
    KeyPairs.SigningPair pair;
    HttpServer tokens;
    DistributionRegistry distribution;

    @BeforeEach
    void start() throws Exception {
        Tools.require("docker-registry");
        pair = KeyPairs.generate(KeyPairs.Kind.RSA_2048, "berth-issuer", Duration.ofDays(1), Clock.systemUTC());
        pair.write(work.resolve("registry.key"), work.resolve("registry.crt"));
        TokenEndpoint endpoint = TokenEndpoint.builder().issuer(issuer(KeyIdFormat.LIBTRUST)).service(SERVICE)
                .authenticator(credentials -> credentials.equals(new BasicCredentials("dev", "pw"))
                        ? Optional.of("dev") : Optional.empty())
                .authorizer((subject, requested) -> requested).build();
        tokens = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokens.createContext("/jwt/auth", new JdkTokenHandler(endpoint));
        tokens.start();
        distribution = DistributionRegistry.start(work.resolve("storage"), work, """
                auth:
                  token:
                    realm: http://127.0.0.1:%d/jwt/auth
                    service: %s
                    issuer: %s
                    rootcertbundle: %s
                """.formatted(tokens.getAddress().getPort(), SERVICE, ISSUER, work.resolve("registry.crt")));
    }

    @AfterEach
    void stop() {
        if (distribution != null) {
            distribution.close();
        }
        tokens.stop(0);
    }

    TokenIssuer issuer(KeyIdFormat format) {
        return TokenIssuer.builder().issuer(ISSUER).signingKey(pair.keyPair()).keyIdFormat(format)
                .certificateChain(List.of(pair.certificate())).build();
    }

    int catalogStatus(Optional<String> token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(distribution.baseUri().resolve("/v2/_catalog"));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void distributionAcceptsOurLibtrustKidAndX5cTokens() throws Exception {
        assertThat(catalogStatus(Optional.empty())).isEqualTo(401);
        for (KeyIdFormat format : List.of(KeyIdFormat.LIBTRUST, KeyIdFormat.X5C)) {
            String token = issuer(format).issue(Optional.of("dev"), SERVICE, List.of(Scope.catalog())).token();
            assertThat(catalogStatus(Optional.of(token))).as(format.toString()).isEqualTo(200);
        }
        String noCatalog = issuer(KeyIdFormat.LIBTRUST).issue(Optional.of("dev"), SERVICE, List.of()).token();
        assertThat(catalogStatus(Optional.of(noCatalog))).isEqualTo(401);
    }

    @Test
    void skopeoLogsInAndPushesToDistributionThroughOurTokenEndpoint() throws Exception {
        Tools.require("skopeo");
        OciLayoutGenerator.Layout layout = OciLayoutGenerator.write(work.resolve("layout"), 11);
        Path auth = work.resolve("auth.json");
        run(work, skopeo("login", "--tls-verify=false", "--authfile", auth.toString(), "-u", "dev", "-p", "pw",
                distribution.authority()).toArray(String[]::new));
        run(work, skopeo("copy", "--all", "--authfile", auth.toString(), "--dest-tls-verify=false",
                "oci:" + layout.directory() + ":single", "docker://" + distribution.authority() + "/team/app:v1")
                .toArray(String[]::new));
        String raw = run(work, skopeo("inspect", "--raw", "--authfile", auth.toString(), "--tls-verify=false",
                "docker://" + distribution.authority() + "/team/app:v1").toArray(String[]::new));
        assertThat(raw).contains("schemaVersion");
    }
}
