package dev.berth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.sun.net.httpserver.HttpServer;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Scope;
import dev.berth.auth.endpoint.JdkTokenHandler;
import dev.berth.auth.endpoint.TokenEndpoint;
import dev.berth.auth.keys.KeyPairs;
import dev.berth.auth.keys.PemKeys;
import dev.berth.auth.token.TokenAccessController;
import dev.berth.auth.token.TokenAuthSettings;
import dev.berth.auth.token.TokenIssuer;
import dev.berth.server.RegistryServer;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jib, a real client, follows the token flow: 401 from Berth, Basic credentials to the token
 * endpoint, the bearer token back to Berth; the endpoint's grants decide what it may push.
 */
class JibTokenFlowTest {

    static final String SERVICE = "container_registry";

    @TempDir
    Path dir;

    @Test
    void jibPushesWithATokenAndIsRefusedWhereTheUserMayOnlyPull() throws Exception {
        KeyPairs.SigningPair signing = KeyPairs.generate(KeyPairs.Kind.EC_P256, "issuer", Duration.ofDays(1),
                Clock.systemUTC());
        Path bundle = Files.writeString(dir.resolve("registry.crt"), PemKeys.toPem(signing.certificate()));
        TokenEndpoint endpoint = TokenEndpoint.builder()
                .issuer(TokenIssuer.builder().issuer("jib-test").signingKey(signing.keyPair()).build())
                .service(SERVICE)
                .authenticator(credentials -> credentials.equals(new BasicCredentials("dev", "pw"))
                        ? Optional.of("dev") : Optional.empty())
                .authorizer((subject, requested) -> requested.stream().map(scope -> scope.name().startsWith("team/")
                        ? scope : new Scope(scope.type(), scope.name(), Set.of(Scope.PULL))).toList())
                .build();
        HttpServer tokens = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokens.createContext("/jwt/auth", new JdkTokenHandler(endpoint));
        tokens.start();
        // Jib meets the embedded server over TLS (it probes HTTPS first); the realm is plain
        // HTTP on loopback, where Jib sends credentials only when told to.
        KeyPairs.generate(KeyPairs.Kind.EC_P256, "127.0.0.1", Duration.ofDays(1), Clock.systemUTC())
                .write(dir.resolve("tls.key"), dir.resolve("tls.crt"));
        String previous = System.setProperty("sendCredentialsOverHttp", "true");
        try (RegistryServer server = RegistryServer.builder().registry(StorageRegistry.builder(new InMemoryDriver()).build())
                .accessController(TokenAccessController.create(TokenAuthSettings.builder()
                        .realm("http://127.0.0.1:" + tokens.getAddress().getPort() + "/jwt/auth")
                        .service(SERVICE).issuer("jib-test").rootCertBundle(bundle).build()))
                .httpSecret("jib").port(0).tls(dir.resolve("tls.crt"), dir.resolve("tls.key")).build().start()) {
            Path app = Files.writeString(dir.resolve("hello.txt"), "hello through a token");
            String authority = server.baseUri().getAuthority();
            JibContainer pushed = Jib.fromScratch().addLayer(List.of(app), AbsoluteUnixPath.get("/app"))
                    .containerize(containerizer(authority + "/team/app:v1"));
            assertThat(pushed.getDigest().toString()).startsWith("sha256:");
            assertThatThrownBy(() -> Jib.fromScratch().addLayer(List.of(app), AbsoluteUnixPath.get("/app"))
                    .containerize(containerizer(authority + "/elsewhere/app:v1")))
                    .hasStackTraceContaining("401");
        } finally {
            tokens.stop(0);
            if (previous == null) {
                System.clearProperty("sendCredentialsOverHttp");
            } else {
                System.setProperty("sendCredentialsOverHttp", previous);
            }
        }
    }

    private Containerizer containerizer(String image) throws Exception {
        return Containerizer.to(RegistryImage.named(image).addCredential("dev", "pw"))
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(dir.resolve("cache-base"))
                .setApplicationLayersCache(dir.resolve("cache-app"))
                .setToolName("berth-token-test");
    }
}
