package dev.berth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.htpasswd.HtpasswdAccessController;
import dev.berth.server.RegistryServer;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth.htpasswd through the HTTP server: a Basic challenge, then access for the right password. */
class HtpasswdServerTest {

    @TempDir
    Path dir;

    @Test
    void basicChallengeThenAccessWithTheRightPassword() throws Exception {
        Path htpasswd = Files.writeString(dir.resolve("htpasswd"), "admin:"
                + new String(BCrypt.with(BCrypt.Version.VERSION_2Y).hash(4, "s3cret".toCharArray()), StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newHttpClient();
        try (RegistryServer server = RegistryServer.builder().registry(StorageRegistry.builder(new InMemoryDriver()).build())
                .accessController(new HtpasswdAccessController("Registry Realm", htpasswd))
                .httpSecret("htpasswd").port(0).build().start()) {
            HttpRequest.Builder catalog = HttpRequest.newBuilder(server.baseUri().resolve("/v2/_catalog"));
            HttpResponse<String> refused = client.send(catalog.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Registry Realm\"");
            HttpResponse<String> wrong = client.send(catalog.header("Authorization",
                    new BasicCredentials("admin", "guess").toHeader()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> granted = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/v2/_catalog"))
                    .header("Authorization", new BasicCredentials("admin", "s3cret").toHeader()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(granted.statusCode()).isEqualTo(200);
        }
    }
}
