package dev.berth.examples.tokenauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.AccessRequest;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Scope;
import dev.berth.auth.token.TokenAccessController;
import dev.berth.auth.token.TokenAuthSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a registry would use it: fetch tokens over HTTP, verify them with its certificate. */
class TokenAuthExampleTest {

    @TempDir
    static Path dir;
    static TokenAuthExample example;
    static TokenAccessController registry;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        example = TokenAuthExample.start(0, dir, 4);
        registry = TokenAccessController.create(TokenAuthSettings.builder().realm(example.realm().toString())
                .service(TokenAuthExample.SERVICE).issuer(TokenAuthExample.ISSUER)
                .rootCertBundle(example.certificate()).build());
    }

    @AfterAll
    static void stop() {
        example.close();
    }

    static List<Scope> granted(String user, String password, String scope) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(example.realm()
                + "?service=container_registry&scope=" + scope));
        if (user != null) {
            request.header("Authorization", new BasicCredentials(user, password).toHeader());
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String token = new ObjectMapper().readTree(response.body()).get("token").asText();
        AccessDecision decision = registry.authorize(new AccessRequest(List.of(), Optional.of("Bearer " + token), "test"));
        return ((AccessDecision.Granted) decision).scopes();
    }

    @Test
    void maintainerMayPushAndDeleteNestedImages() throws Exception {
        assertThat(granted("alice", "alice-password", "repository:acme/web/frontend:pull,push,delete"))
                .containsExactly(Scope.repository("acme/web/frontend", "pull", "push", "delete"));
    }

    @Test
    void reporterAskingToPushGetsPullOnly() throws Exception {
        assertThat(granted("bob", "bob-password", "repository:acme/api:pull,push"))
                .containsExactly(Scope.repository("acme/api", "pull"));
    }

    @Test
    void anonymousPullsPublicProjectsOnly() throws Exception {
        assertThat(granted(null, null, "repository:acme/tools:pull,push")).containsExactly(Scope.repository("acme/tools", "pull"));
        assertThat(granted(null, null, "repository:acme/web:pull")).isEmpty();
    }

    @Test
    void onlyTheAdminListsTheCatalog() throws Exception {
        assertThat(granted("root", "root-password", "registry:catalog:*")).containsExactly(Scope.catalog());
        assertThat(granted("alice", "alice-password", "registry:catalog:*")).isEmpty();
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(example.realm())
                .header("Authorization", new BasicCredentials("alice", "nope").toHeader()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void configSnippetNamesRealmServiceIssuerAndCertificate() {
        assertThat(example.configSnippet()).contains("realm: " + example.realm())
                .contains("service: container_registry").contains("issuer: berth-example-issuer")
                .contains("rootcertbundle: " + example.certificate().toAbsolutePath());
    }
}
