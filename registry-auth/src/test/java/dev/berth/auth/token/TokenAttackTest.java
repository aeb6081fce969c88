package dev.berth.auth.token;

import static dev.berth.auth.token.TokenControllerFixture.ISSUER;
import static dev.berth.auth.token.TokenControllerFixture.NOW;
import static dev.berth.auth.token.TokenControllerFixture.SERVICE;
import static dev.berth.auth.token.TokenControllerFixture.assertInsufficientScope;
import static dev.berth.auth.token.TokenControllerFixture.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.Scope;
import dev.berth.auth.keys.KeyIds;
import dev.berth.auth.keys.KeyPairs;
import dev.berth.auth.keys.PemKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attack suite at the access-controller level: each forged, stale, misdirected or
 * malformed token is refused with 401 and the right {@code error}, and nothing is granted.
 * (The same cases run against the HTTP server, proving no data is touched, in registry-server.)
 */
class TokenAttackTest extends TokenControllerFixture {

    static final Scope PULL_APP = Scope.repository("group/app", "pull");

    String signed(com.nimbusds.jwt.JWTClaimsSet claims) throws Exception {
        return Jwts.rs256(signing.keyPair().getPrivate(), libtrustHeader(), claims);
    }

    @Test
    void noTokenIsRefusedWithoutErrorParameter() {
        AccessDecision decision = authorize(null, PULL_APP);
        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.wwwAuthenticate().orElseThrow()).doesNotContain("error=");
        });
    }

    @Test
    void algNoneIsRefused() {
        String token = Jwts.raw("{\"alg\":\"none\",\"typ\":\"JWT\"}",
                "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + SERVICE + "\",\"exp\":" + (NOW.getEpochSecond() + 300)
                        + ",\"access\":[{\"type\":\"repository\",\"name\":\"group/app\",\"actions\":[\"pull\"]}]}", "");
        assertInvalidToken(authorize(token, PULL_APP));
        assertInvalidToken(authorize(token + "c2ln", PULL_APP));
    }

    @Test
    void hs256SignedWithTheCertificatesPublicKeyIsRefused() throws Exception {
        String kid = KeyIds.libtrust(signing.keyPair().getPublic());
        String withDer = Jwts.hs256(signing.keyPair().getPublic().getEncoded(), kid, claims(List.of(PULL_APP)).build());
        String withPem = Jwts.hs256(PemKeys.toPem(signing.certificate()).getBytes(StandardCharsets.US_ASCII), kid,
                claims(List.of(PULL_APP)).build());
        assertInvalidToken(authorize(withDer, PULL_APP));
        assertInvalidToken(authorize(withPem, PULL_APP));
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        assertInvalidToken(authorize(signed(claims(List.of(PULL_APP))
                .expirationTime(Date.from(NOW.minusSeconds(61))).build()), PULL_APP));
    }

    @Test
    void tokenWithoutExpiryCountsAsExpired() throws Exception {
        assertInvalidToken(authorize(signed(claims(List.of(PULL_APP)).expirationTime(null).build()), PULL_APP));
    }

    @Test
    void notBeforeInTheFutureIsRefused() throws Exception {
        assertInvalidToken(authorize(signed(claims(List.of(PULL_APP))
                .notBeforeTime(Date.from(NOW.plusSeconds(120))).build()), PULL_APP));
    }

    @Test
    void wrongIssuerIsRefused() throws Exception {
        assertInvalidToken(authorize(signed(claims(List.of(PULL_APP)).issuer("evil-issuer").build()), PULL_APP));
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        assertInvalidToken(authorize(signed(claims(List.of(PULL_APP)).audience("other_registry").build()), PULL_APP));
        assertInvalidToken(authorize(signed(claims(List.of(PULL_APP)).audience((String) null).build()), PULL_APP));
    }

    @Test
    void tokenForRepositoryAIsRefusedOnB() throws Exception {
        String token = signed(claims(List.of(Scope.repository("team-a/app", "pull", "push"))).build());
        assertInsufficientScope(authorize(token, Scope.repository("team-b/app", "pull")), "repository:team-b/app:pull");
    }

    @Test
    void pullOnlyTokenCannotPushOrDelete() throws Exception {
        String token = signed(claims(List.of(PULL_APP)).build());
        assertInsufficientScope(authorize(token, Scope.repository("group/app", "pull", "push")),
                "repository:group/app:pull,push");
        assertInsufficientScope(authorize(token, Scope.repository("group/app", "delete")),
                "repository:group/app:delete");
    }

    @Test
    void catalogWithoutRegistryCatalogScopeIsRefused() throws Exception {
        String token = signed(claims(List.of(Scope.repository("catalog", "*"))).build());
        assertInsufficientScope(authorize(token, Scope.catalog()), "registry:catalog:*");
    }

    @Test
    void unknownKidIsRefusedAndLoggedInTheWordsAdminsSearchFor() throws Exception {
        KeyPairs.SigningPair stranger = TestPki.ecSelfSigned(Clock.systemUTC());
        String kid = KeyIds.libtrust(stranger.keyPair().getPublic());
        String token = Jwts.rs256(signing.keyPair().getPrivate(), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid),
                claims(List.of(PULL_APP)).build());
        String log = captureStandardError(() -> assertInvalidToken(authorize(token, PULL_APP)));
        assertThat(log).contains("token signed by untrusted key with ID: \"" + kid + "\"")
                .contains("error authorizing context: invalid token")
                .doesNotContain(token);
    }

    @Test
    void x5cChainingToAnotherCaIsRefused() throws Exception {
        KeyPairs.SigningPair otherCa = TestPki.selfSigned(Clock.systemUTC());
        KeyPairs.SigningPair leaf = TestPki.leafSignedBy(otherCa, Clock.systemUTC());
        String token = Jwts.rs256(leaf.keyPair().getPrivate(), new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .x509CertChain(List.of(Base64.encode(leaf.certificate().getEncoded()),
                                Base64.encode(otherCa.certificate().getEncoded()))),
                claims(List.of(PULL_APP)).build());
        assertInvalidToken(authorize(token, PULL_APP));
    }

    @Test
    void untrustedJwkHeaderIsRefused() throws Exception {
        KeyPairs.SigningPair stranger = TestPki.leafSignedBy(signing, Clock.systemUTC());
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) stranger.keyPair().getPublic()).build();
        String token = Jwts.rs256(stranger.keyPair().getPrivate(), new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(jwk),
                claims(List.of(PULL_APP)).build());
        assertInvalidToken(authorize(token, PULL_APP));
    }

    @Test
    void tamperedPayloadIsRefused() throws Exception {
        String[] parts = signed(claims(List.of(PULL_APP)).build()).split("\\.");
        String forged = Jwts.b64(new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"pull\"", "\"pull\",\"push\",\"delete\""));
        assertInvalidToken(authorize(parts[0] + "." + forged + "." + parts[2], Scope.repository("group/app", "push")));
    }

    @Test
    void oversizedTokenIsRefusedBeforeParsing() throws Exception {
        String token = Jwts.rs256(signing.keyPair().getPrivate(), libtrustHeader().customParam("pad", "x".repeat(9000)),
                claims(List.of(PULL_APP)).build());
        assertInvalidToken(authorize(token, PULL_APP));
    }

    @Test
    void malformedBase64IsRefused() throws Exception {
        String[] parts = signed(claims(List.of(PULL_APP)).build()).split("\\.");
        assertInvalidToken(authorize(parts[0] + "." + parts[1] + "!." + parts[2], PULL_APP));
        assertInvalidToken(authorize(parts[0] + "." + parts[1] + "." + parts[2] + "%%", PULL_APP));
        assertInvalidToken(authorize("e30." + parts[1] + "." + parts[2], PULL_APP));
        assertInvalidToken(authorize(parts[0] + "." + parts[1], PULL_APP));
        assertInvalidToken(authorize("not-a-token", PULL_APP));
    }

    @Test
    void malformedAccessClaimIsRefused() throws Exception {
        assertInvalidToken(authorize(signed(claims(List.of()).claim("access", "everything").build()), PULL_APP));
    }

    @Test
    void unknownCriticalHeaderIsRefused() throws Exception {
        String token = Jwts.rs256(signing.keyPair().getPrivate(), libtrustHeader().customParam("exp-policy", "x")
                .criticalParams(java.util.Set.of("exp-policy")), claims(List.of(PULL_APP)).build());
        assertInvalidToken(authorize(token, PULL_APP));
    }

    @Test
    void algorithmOutsideTheAllowlistIsRefused() throws Exception {
        TokenAccessController es256Only = TokenAccessController.create(controller.settings().toBuilder()
                .signingAlgorithms(List.of("ES256")).build());
        assertInvalidToken(authorize(es256Only, signed(claims(List.of(PULL_APP)).build()), PULL_APP));
    }

    static String captureStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
