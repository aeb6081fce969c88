package dev.berth.auth.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Scope;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkTokenHandlerTest extends EndpointFixture {

    HttpServer server;
    URI base;
    HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwt/auth", new JdkTokenHandler(endpoint(false)));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwt/auth");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void servesTheTokenFlowOverHttp() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base
                        + "?service=container_registry&scope=repository:group/app:pull,push"))
                .header("Authorization", new BasicCredentials("alice", "wonderland").toHeader()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        String token = JSON.readTree(response.body()).get("token").asText();
        assertThat(present(token, Scope.repository("group/app", "push"))).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void postFormAndChallengeGoThroughTheAdapter() throws Exception {
        HttpResponse<String> posted = client.send(HttpRequest.newBuilder(base)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=bob&password=builder"
                        + "&scope=repository%3Agroup%2Fapp%3Apull")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(base).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"GitLab\"");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(JdkTokenHandler.MAX_BODY + 10))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
    }
}
