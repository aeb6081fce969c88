package dev.berth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.Route;

/**
 * Answers a registry's 401 as docker does: for a {@code Bearer} challenge, fetch a token from
 * the realm for the challenged service and scope with the user's Basic credentials (or
 * anonymously), then retry with it; for {@code Basic}, retry with the credentials. Gives up
 * after one retry per request, so a refused token surfaces as the registry's error.
 */
final class RegistryAuthenticator implements Authenticator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> basicCredentials;
    private final OkHttpClient tokenClient;

    RegistryAuthenticator(Optional<String> basicCredentials, OkHttpClient tokenClient) {
        this.basicCredentials = basicCredentials;
        this.tokenClient = tokenClient;
    }

    @Override
    public Request authenticate(Route route, Response response) throws IOException {
        if (response.priorResponse() != null) {
            return null;
        }
        Optional<Challenge> challenge = Challenge.parse(response.header("WWW-Authenticate"));
        if (challenge.isEmpty()) {
            return null;
        }
        if (!challenge.get().isBearer()) {
            return basicCredentials.map(credentials ->
                    response.request().newBuilder().header("Authorization", credentials).build()).orElse(null);
        }
        String token = fetchToken(challenge.get());
        return response.request().newBuilder().header("Authorization", "Bearer " + token).build();
    }

    private String fetchToken(Challenge challenge) throws IOException {
        HttpUrl realm = HttpUrl.parse(challenge.parameter("realm")
                .orElseThrow(() -> new IOException("Bearer challenge without realm")));
        if (realm == null) {
            throw new IOException("Bearer challenge with an invalid realm: " + challenge);
        }
        HttpUrl.Builder url = realm.newBuilder();
        challenge.parameter("service").ifPresent(service -> url.addQueryParameter("service", service));
        challenge.parameter("scope").ifPresent(scopes -> {
            for (String scope : scopes.split(" ")) {
                url.addQueryParameter("scope", scope);
            }
        });
        Request.Builder request = new Request.Builder().url(url.build());
        basicCredentials.ifPresent(credentials -> request.header("Authorization", credentials));
        try (Response tokenResponse = tokenClient.newCall(request.build()).execute()) {
            ResponseBody body = tokenResponse.body();
            if (!tokenResponse.isSuccessful()) {
                throw new IOException("token endpoint answered " + tokenResponse.code() + ": " + body.string());
            }
            JsonNode json = JSON.readTree(body.byteStream());
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new IOException("token endpoint answered without a token");
            }
            return token;
        }
    }

    static String basic(String username, String password) {
        return Credentials.basic(username, password);
    }
}
