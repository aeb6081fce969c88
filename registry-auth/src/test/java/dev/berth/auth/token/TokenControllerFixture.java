package dev.berth.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.AccessRequest;
import dev.berth.auth.Scope;
import dev.berth.auth.keys.KeyIds;
import dev.berth.auth.keys.KeyPairs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A token access controller trusting one self-signed certificate, at a fixed time. */
abstract class TokenControllerFixture {

    static final String REALM = "https://gitlab.example.com/jwt/auth";
    static final String SERVICE = "container_registry";
    static final String ISSUER = "gitlab-issuer";
    // Fixed, but near the real time: certificates made with the system clock must be valid at NOW.
    static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    KeyPairs.SigningPair signing;
    TokenAccessController controller;

    @BeforeEach
    void setUp() throws Exception {
        signing = TestPki.shared();
        controller = controller(TestPki.writeBundle(dir, "bundle.crt", signing.certificate()));
    }

    TokenAccessController controller(Path bundle) {
        return TokenAccessController.create(TokenAuthSettings.builder().realm(REALM).service(SERVICE).issuer(ISSUER)
                .rootCertBundle(bundle).clock(clock).build());
    }

    JWSHeader.Builder libtrustHeader() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KeyIds.libtrust(signing.keyPair().getPublic()));
    }

    String token(List<Scope> access) throws Exception {
        return Jwts.rs256(signing.keyPair().getPrivate(), libtrustHeader(), claims(access).build());
    }

    JWTClaimsSet.Builder claims(List<Scope> access) {
        return Jwts.claims(ISSUER, SERVICE, NOW, access);
    }

    static AccessDecision authorize(TokenAccessController controller, String token, Scope... wanted) {
        return controller.authorize(new AccessRequest(List.of(wanted),
                Optional.ofNullable(token).map(t -> "Bearer " + t), "192.0.2.1"));
    }

    AccessDecision authorize(String token, Scope... wanted) {
        return authorize(controller, token, wanted);
    }

    static void assertInvalidToken(AccessDecision decision) {
        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.wwwAuthenticate()).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("Bearer realm=\"" + REALM + "\",service=\"" + SERVICE + "\"")
                    .endsWith(",error=\"invalid_token\"");
        });
    }

    static void assertInsufficientScope(AccessDecision decision, String scope) {
        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.wwwAuthenticate()).contains("Bearer realm=\"" + REALM + "\",service=\"" + SERVICE
                    + "\",scope=\"" + scope + "\",error=\"insufficient_scope\"");
        });
    }
}
