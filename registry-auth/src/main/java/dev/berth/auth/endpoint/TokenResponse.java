package dev.berth.auth.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The endpoint's answer: a status, headers (one value each) and a JSON body.
 */
public record TokenResponse(int status, Map<String, String> headers, byte[] body) {

    public TokenResponse {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as text (it is always UTF-8 JSON). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenResponse that && status == that.status && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    /** Leaves out the body, which holds the token. */
    @Override
    public String toString() {
        return "TokenResponse[" + status + " " + headers + "]";
    }
}
