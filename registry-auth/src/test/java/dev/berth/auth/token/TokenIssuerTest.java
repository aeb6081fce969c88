package dev.berth.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.AccessRequest;
import dev.berth.auth.Scope;
import dev.berth.auth.keys.KeyIds;
import dev.berth.auth.keys.KeyPairs;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenIssuerTest extends TokenControllerFixture {

    static final Scope PUSH = Scope.repository("group/app", "pull", "push");

    TokenIssuer.Builder issuer() {
        return TokenIssuer.builder().issuer(ISSUER).signingKey(signing.keyPair()).clock(clock);
    }

    static JsonNode part(String token, int index) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    AccessDecision present(String token, Scope... wanted) {
        return authorize(token, wanted);
    }

    @Test
    void issuedTokenCarriesTheClaimsDistributionReads() throws Exception {
        IssuedToken issued = issuer().build().issue(Optional.of("alice"), SERVICE, List.of(PUSH));
        JsonNode header = part(issued.token(), 0);
        JsonNode claims = part(issued.token(), 1);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isEqualTo(KeyIds.libtrust(signing.keyPair().getPublic()));
        assertThat(claims.get("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.get("aud").isTextual()).as("aud is a plain string for distribution 2.x").isTrue();
        assertThat(claims.get("aud").asText()).isEqualTo(SERVICE);
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.get("nbf").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW.plus(Duration.ofMinutes(5)).getEpochSecond());
        assertThat(claims.get("jti").asText()).hasSize(32);
        assertThat(claims.get("access").toString())
                .isEqualTo("[{\"type\":\"repository\",\"name\":\"group/app\",\"actions\":[\"pull\",\"push\"]}]");
        assertThat(issued.expiresIn()).isEqualTo(Duration.ofMinutes(5));
        assertThat(present(issued.token(), PUSH)).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void anonymousTokenHasNoSubject() throws Exception {
        IssuedToken issued = issuer().build().issue(Optional.empty(), SERVICE, List.of());
        assertThat(part(issued.token(), 1).has("sub")).isFalse();
        assertThat(present(issued.token())).isEqualTo(AccessDecision.granted(Optional.empty(), List.of()));
    }

    @Test
    void lifetimeIsConfigurable() throws Exception {
        IssuedToken issued = issuer().lifetime(Duration.ofMinutes(30)).build().issue(Optional.of("ci"), SERVICE, List.of());
        assertThat(part(issued.token(), 1).get("exp").asLong()).isEqualTo(NOW.plus(Duration.ofMinutes(30)).getEpochSecond());
    }

    @Test
    void thumbprintAndX5cKeyIdsAreVerifiedToo() throws Exception {
        String thumbprint = issuer().keyIdFormat(KeyIdFormat.JWK_THUMBPRINT).build()
                .issue(Optional.of("a"), SERVICE, List.of(PUSH)).token();
        assertThat(part(thumbprint, 0).get("kid").asText()).isEqualTo(KeyIds.thumbprint(signing.keyPair().getPublic()));
        assertThat(present(thumbprint, PUSH)).isInstanceOf(AccessDecision.Granted.class);

        String x5c = issuer().keyIdFormat(KeyIdFormat.X5C).certificateChain(List.of(signing.certificate())).build()
                .issue(Optional.of("a"), SERVICE, List.of(PUSH)).token();
        assertThat(part(x5c, 0).has("x5c")).isTrue();
        assertThat(present(x5c, PUSH)).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void ecKeySignsWithEs256() throws Exception {
        KeyPairs.SigningPair ec = TestPki.ecSelfSigned(clock);
        String token = TokenIssuer.builder().issuer(ISSUER).signingKey(ec.keyPair()).clock(clock).build()
                .issue(Optional.of("a"), SERVICE, List.of()).token();
        assertThat(part(token, 0).get("alg").asText()).isEqualTo("ES256");
        TokenAccessController ecController = controller(TestPki.writeBundle(dir, "ec.crt", ec.certificate()));
        assertThat(authorize(ecController, token)).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void refreshTokenRoundTripsButIsNoAccessToken() {
        TokenIssuer issuer = issuer().build();
        String refresh = issuer.issueRefreshToken("alice", SERVICE);
        assertThat(issuer.verifyRefreshToken(refresh, SERVICE)).contains("alice");
        assertThat(issuer.verifyRefreshToken(refresh, "other")).isEmpty();
        assertThat(issuer.verifyRefreshToken(refresh + "x", SERVICE)).isEmpty();
        assertInvalidToken(present(refresh));
    }

    @Test
    void accessTokenIsNoRefreshToken() {
        TokenIssuer issuer = issuer().build();
        assertThat(issuer.verifyRefreshToken(issuer.issue(Optional.of("alice"), SERVICE, List.of()).token(), SERVICE))
                .isEmpty();
    }

    @Test
    void x5cWithoutChainOrWithAForeignCertificateIsRefused() {
        assertThatThrownBy(() -> issuer().keyIdFormat(KeyIdFormat.X5C).build())
                .isInstanceOf(IllegalArgumentException.class);
        KeyPairs.SigningPair other = TestPki.ecSelfSigned(clock);
        assertThatThrownBy(() -> issuer().certificateChain(List.of(other.certificate())).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void grantedDecisionListsTheWholeAccessOfTheToken() {
        // A granted decision lists exactly the access the token carries, for the catalog to filter on.
        String token = issuer().build().issue(Optional.of("a"), SERVICE, List.of(PUSH)).token();
        assertThat(controller.authorize(new AccessRequest(List.of(Scope.repository("group/app", "pull")),
                Optional.of("Bearer " + token), "x"))).isEqualTo(AccessDecision.granted(Optional.of("a"), List.of(PUSH)));
    }
}
