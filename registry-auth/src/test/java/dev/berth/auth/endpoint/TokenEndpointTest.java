package dev.berth.auth.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Scope;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The token endpoint end to end: what it issues is what the registry side accepts, no more. */
class TokenEndpointTest extends EndpointFixture {

    @Test
    void basicCredentialsGetATokenTheRegistryAccepts() throws Exception {
        TokenResponse response = get("service=container_registry&scope=repository%3Agroup%2Fapp%3Apull%2Cpush"
                + "&account=alice", "alice", "wonderland");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("Cache-Control", "no-store");
        JsonNode body = json(response);
        assertThat(body.get("token").asText()).isEqualTo(body.get("access_token").asText());
        assertThat(body.get("expires_in").asLong()).isEqualTo(300);
        assertThat(body.get("issued_at").asText()).isEqualTo(NOW.toString());
        assertThat(body.has("refresh_token")).isFalse();
        assertThat(present(body.get("token").asText(), Scope.repository("group/app", "pull", "push")))
                .isEqualTo(AccessDecision.granted(Optional.of("alice"),
                        List.of(Scope.repository("group/app", "pull", "push"))));
    }

    @Test
    void grantsNeverExceedTheRequestEvenWhenTheAuthorizerSaysStar() throws Exception {
        String token = json(get("service=container_registry&scope=repository:group/app:pull", "alice", "wonderland"))
                .get("token").asText();
        AccessDecision decision = present(token, Scope.repository("group/app", "pull"));
        assertThat(((AccessDecision.Granted) decision).scopes()).containsExactly(Scope.repository("group/app", "pull"));
        assertThat(present(token, Scope.repository("group/app", "push"))).isInstanceOf(AccessDecision.Refused.class);
    }

    @Test
    void reporterAskingForPushGetsPullOnly() throws Exception {
        String token = json(get("service=container_registry&scope=repository:group/app:pull,push", "bob", "builder"))
                .get("token").asText();
        assertThat(((AccessDecision.Granted) present(token)).scopes())
                .containsExactly(Scope.repository("group/app", "pull"));
    }

    @Test
    void repeatedAndSpaceSeparatedScopesAreAllConsidered() throws Exception {
        String token = json(get("scope=repository:group/a:pull&scope=repository:group/b:push+repository:group/c:pull",
                "alice", "wonderland")).get("token").asText();
        assertThat(((AccessDecision.Granted) present(token)).scopes()).containsExactly(
                Scope.repository("group/a", "pull"), Scope.repository("group/b", "push"),
                Scope.repository("group/c", "pull"));
    }

    @Test
    void wrongPasswordIs401WithBasicChallenge() {
        TokenResponse response = get("service=container_registry", "alice", "wrong");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers()).containsEntry("WWW-Authenticate", "Basic realm=\"GitLab\"");
        assertThat(response.bodyText()).doesNotContain("wrong");
    }

    @Test
    void anonymousGetsPublicPullOnlyWhenAllowed() throws Exception {
        String token = json(get("scope=repository:public/app:pull,push&scope=repository:group/app:pull", null, null))
                .get("token").asText();
        assertThat(present(token)).isEqualTo(AccessDecision.granted(Optional.empty(),
                List.of(Scope.repository("public/app", "pull"))));
        TokenResponse refused = endpoint(false).handle(TokenRequest.get("scope=repository:public/app:pull", Optional.empty()));
        assertThat(refused.status()).isEqualTo(401);
    }

    @Test
    void accountOtherThanTheCredentialsIsRefused() {
        assertThat(get("account=bob&scope=repository:group/app:pull", "alice", "wonderland").status()).isEqualTo(401);
    }

    @Test
    void unknownServiceAndMalformedScopeAre400() {
        assertThat(get("service=other", "alice", "wonderland").status()).isEqualTo(400);
        assertThat(get("scope=repository%3Aa%22b%3Apull", "alice", "wonderland").status()).isEqualTo(400);
        assertThat(get("scope=%zz", "alice", "wonderland").status()).isEqualTo(400);
    }

    @Test
    void offlineTokenComesWithARefreshTokenThatPostRedeems() throws Exception {
        JsonNode first = json(get("scope=repository:group/app:pull&offline_token=true", "alice", "wonderland"));
        String refresh = first.get("refresh_token").asText();
        TokenResponse response = endpoint(false).handle(TokenRequest.postForm("grant_type=refresh_token&service="
                + SERVICE + "&client_id=docker&scope=repository%3Agroup%2Fapp%3Apush&refresh_token=" + refresh));
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("scope").asText()).isEqualTo("repository:group/app:push");
        assertThat(body.get("refresh_token").asText()).isNotEmpty();
        assertThat(present(body.get("access_token").asText(), Scope.repository("group/app", "push")))
                .isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void postPasswordGrantAsContainerdSendsIt() throws Exception {
        TokenResponse response = endpoint(false).handle(TokenRequest.postForm("grant_type=password&username=bob"
                + "&password=builder&service=container_registry&client_id=containerd-client&access_type=offline"
                + "&scope=repository%3Agroup%2Fapp%3Apull"));
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.has("refresh_token")).isTrue();
        assertThat(present(body.get("access_token").asText(), Scope.repository("group/app", "pull")))
                .isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void postWithBadGrantsIsRefused() throws Exception {
        TokenEndpoint endpoint = endpoint(false);
        TokenResponse wrongPassword = endpoint.handle(TokenRequest.postForm("grant_type=password&username=bob&password=x"));
        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(json(wrongPassword).get("error").asText()).isEqualTo("invalid_grant");
        String accessToken = json(get("scope=repository:group/app:pull", "alice", "wonderland")).get("token").asText();
        assertThat(endpoint.handle(TokenRequest.postForm("grant_type=refresh_token&refresh_token=" + accessToken))
                .status()).isEqualTo(400);
        assertThat(json(endpoint.handle(TokenRequest.postForm("grant_type=client_credentials"))).get("error").asText())
                .isEqualTo("unsupported_grant_type");
        assertThat(endpoint.handle(new TokenRequest("POST", "", Optional.empty(), Optional.of("application/json"),
                "{}".getBytes())).status()).isEqualTo(400);
        assertThat(endpoint.handle(new TokenRequest("DELETE", "", Optional.empty(), Optional.empty(), null)).status())
                .isEqualTo(405);
    }

    @Test
    void requestAndResponseNeverPrintSecrets() {
        TokenRequest request = TokenRequest.get("scope=x", Optional.of(new BasicCredentials("a", "s3cret").toHeader()));
        assertThat(request.toString()).doesNotContain("Basic");
        TokenResponse response = get("scope=repository:group/app:pull", "alice", "wonderland");
        assertThat(response.toString()).doesNotContain("ey");
    }
}
