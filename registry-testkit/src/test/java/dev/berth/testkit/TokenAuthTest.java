package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import dev.berth.auth.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenAuthTest {

    private static final TestTokenServer TOKENS = TestTokenServer.builder()
            .user("alice", "alice-secret", Scope.repository("team/app", "pull", "push"))
            .user("bob", "bob-secret", Scope.repository("team/app", "pull"))
            .start();

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.builder()
            .accessController(TOKENS.accessController())
            .build();

    @AfterAll
    static void stopTokenServer() {
        TOKENS.close();
    }

    @Test
    void aUserWithPushPushesThroughTheTokenFlow(TestRegistry registry) {
        TestImage image = TestImages.seeded(21).image(1, 512);

        registry.client("alice", "alice-secret").push("team/app", "v1", image);

        assertThat(registry.client("bob", "bob-secret").pullManifest("team/app", "v1").digest()).isEqualTo(image.digest());
    }

    @Test
    void aPullOnlyUserCannotPush(TestRegistry registry) {
        assertThatThrownBy(() -> registry.client("bob", "bob-secret").pushBlob("team/app", new byte[] {1, 2}))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isIn(ErrorCode.UNAUTHORIZED, ErrorCode.DENIED));
    }

    @Test
    void anonymousRequestsAreChallenged(TestRegistry registry) throws Exception {
        HttpResponse<String> response = get(registry.baseUri().resolve("/v2/team/app/tags/list"), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                .contains("realm=\"" + TOKENS.realm() + "\"", "service=\"" + TestTokenServer.SERVICE + "\"",
                        "scope=\"repository:team/app:pull\""));
    }

    @Test
    void expiredAndForgedTokensAreRefused(TestRegistry registry) throws Exception {
        URI tags = registry.baseUri().resolve("/v2/team/app/tags/list");
        Scope pull = Scope.repository("team/app", "pull");

        assertThat(get(tags, TOKENS.expiredToken("alice", pull)).statusCode()).isEqualTo(401);
        assertThat(get(tags, TOKENS.forgedToken("alice", pull)).statusCode()).isEqualTo(401);
        assertThat(get(tags, TOKENS.token("alice", pull)).statusCode()).isIn(200, 404);
    }

    private static HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
