package dev.berth.server.http;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the URLs the registry hands out ({@code Location}, {@code Link}): relative when
 * {@code http.relativeurls} is set, else absolute on {@code http.host} when configured, else
 * on the host (and scheme) the client reached us by, honouring {@code X-Forwarded-Host} and
 * {@code X-Forwarded-Proto} as distribution does behind a proxy.
 */
final class Urls {

    // A client-supplied host goes into our headers: only plain host[:port] forms are echoed back.
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    private static final Pattern SCHEME = Pattern.compile("https?");

    private final Optional<URI> host;
    private final boolean relative;

    Urls(Optional<URI> host, boolean relative) {
        this.host = host.map(Urls::withoutTrailingSlash);
        this.relative = relative;
    }

    /** The URL of {@code pathAndQuery} (which starts with {@code /v2/}) for this request. */
    String location(HttpRequest request, String pathAndQuery) {
        String path = request.basePath() + pathAndQuery;
        if (relative) {
            return path;
        }
        if (host.isPresent()) {
            return host.get() + path;
        }
        Optional<String> requestHost = firstValue(request, "X-Forwarded-Host")
                .or(() -> request.header("Host"))
                .filter(value -> HOST.matcher(value).matches());
        if (requestHost.isEmpty()) {
            return path;
        }
        String scheme = firstValue(request, "X-Forwarded-Proto")
                .map(String::toLowerCase)
                .filter(value -> SCHEME.matcher(value).matches())
                .orElse(request.scheme());
        return scheme + "://" + requestHost.get() + path;
    }

    /** A path for a {@code Link} header: always relative, as distribution sends it. */
    static String link(HttpRequest request, String pathAndQuery) {
        return request.basePath() + pathAndQuery;
    }

    // Proxies may append to a forwarded header: the first value is the one the client used.
    private static Optional<String> firstValue(HttpRequest request, String name) {
        return request.header(name).map(value -> value.split(",", 2)[0].trim()).filter(value -> !value.isEmpty());
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
