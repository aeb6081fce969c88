package dev.berth.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.auth.AccessDecision;
import dev.berth.auth.AccessRequest;
import dev.berth.auth.Scope;
import dev.berth.auth.keys.KeyIds;
import dev.berth.auth.keys.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token made with the openssl command line (RS256 over base64url(header).base64url(payload),
 * libtrust kid computed by openssl and coreutils) is accepted: Berth reads what other issuers
 * write, not just what its own issuer writes. .ci/run installs openssl; without it the test is
 * skipped, loudly.
 */
class ForeignIssuerTest {

    static final String ISSUER = "foreign-issuer";
    static final String SERVICE = "container_registry";

    @TempDir
    static Path dir;
    static Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());

    @BeforeAll
    static void issueWithOpenssl() throws Exception {
        assumeTrue(commandExists("openssl") && commandExists("base32"), "openssl and base32 are needed (see .ci/run)");
        Path script = dir.resolve("foreign-issuer.sh");
        try (InputStream in = ForeignIssuerTest.class.getResourceAsStream("foreign-issuer.sh")) {
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder("bash", script.toString(), dir.toString(), ISSUER, SERVICE,
                Long.toString(now.getEpochSecond())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    static boolean commandExists(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", "command -v " + command).start();
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    TokenAccessController controller() {
        return TokenAccessController.create(TokenAuthSettings.builder().realm("https://issuer.example/jwt/auth")
                .service(SERVICE).issuer(ISSUER).rootCertBundle(dir.resolve("registry.crt"))
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build());
    }

    @Test
    void opensslMadeTokenWithLibtrustKidIsAccepted() throws Exception {
        String token = Files.readString(dir.resolve("token"));
        AccessDecision decision = controller().authorize(new AccessRequest(
                List.of(Scope.repository("foreign/app", "pull", "push")), Optional.of("Bearer " + token), "192.0.2.7"));
        assertThat(decision).isEqualTo(AccessDecision.granted(Optional.of("foreign-user"),
                List.of(Scope.repository("foreign/app", "pull", "push"))));
    }

    @Test
    void libtrustKidComputedByOpensslEqualsOurs() throws Exception {
        String opensslKid = Files.readString(dir.resolve("kid"));
        assertThat(opensslKid).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");
        assertThat(KeyIds.libtrust(PemKeys.readCertificates(dir.resolve("registry.crt")).get(0).getPublicKey()))
                .isEqualTo(opensslKid);
    }

    @Test
    void ourIssuerSigningWithTheOpensslPkcs1KeyIsAccepted() {
        TokenIssuer issuer = TokenIssuer.builder().issuer(ISSUER).signingKey(dir.resolve("registry.key"))
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        IssuedToken token = issuer.issue(Optional.of("bob"), SERVICE, List.of(Scope.repository("x", "pull")));
        assertThat(controller().authorize(new AccessRequest(List.of(Scope.repository("x", "pull")),
                Optional.of("Bearer " + token.token()), "192.0.2.7"))).isInstanceOf(AccessDecision.Granted.class);
    }
}
