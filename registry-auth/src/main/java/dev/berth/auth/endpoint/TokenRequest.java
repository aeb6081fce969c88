package dev.berth.auth.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to the token endpoint, free of any HTTP library: whatever serves it copies these
 * few fields over.
 *
 * @param method        {@code GET} or {@code POST}
 * @param rawQuery      the query string, still percent-encoded, without {@code ?} (may be empty)
 * @param authorization the {@code Authorization} header, if any
 * @param contentType   the {@code Content-Type} header, if any
 * @param body          the request body ({@code POST} form); empty for {@code GET}
 */
public record TokenRequest(String method, String rawQuery, Optional<String> authorization,
                           Optional<String> contentType, byte[] body) {

    public TokenRequest {
        Objects.requireNonNull(method, "method");
        rawQuery = rawQuery == null ? "" : rawQuery;
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(contentType, "contentType");
        body = body == null ? new byte[0] : body.clone();
    }

    /** A {@code GET /…?rawQuery} with an optional {@code Authorization} header. */
    public static TokenRequest get(String rawQuery, Optional<String> authorization) {
        return new TokenRequest("GET", rawQuery, authorization, Optional.empty(), new byte[0]);
    }

    /** A {@code POST} of an {@code application/x-www-form-urlencoded} body. */
    public static TokenRequest postForm(String form) {
        return new TokenRequest("POST", "", Optional.empty(), Optional.of("application/x-www-form-urlencoded"),
                form.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenRequest that && method.equals(that.method) && rawQuery.equals(that.rawQuery)
                && authorization.equals(that.authorization) && contentType.equals(that.contentType)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, rawQuery, authorization, contentType, Arrays.hashCode(body));
    }

    /** Leaves out the Authorization header and the body, which hold secrets. */
    @Override
    public String toString() {
        return "TokenRequest[" + method + " ?" + rawQuery + "]";
    }
}
