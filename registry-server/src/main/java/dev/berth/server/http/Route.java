package dev.berth.server.http;

import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a request path goes. Repository names hold slashes and their components may be any
 * word, {@code blobs} and {@code manifests} included, so the path is read from its end: the
 * last segments name the endpoint and whatever precedes them is the name. Tags, digests and
 * upload ids cannot hold a slash, which makes that reading unambiguous.
 *
 * @param kind     the endpoint
 * @param name     the repository name as sent (not yet validated); empty for base and catalog
 * @param argument the tag, digest or upload id after the endpoint's keyword; empty when none
 */
record Route(Kind kind, String name, String argument) {

    enum Kind {
        BASE(RouteInfo.ROUTE_BASE),
        CATALOG(RouteInfo.ROUTE_CATALOG),
        TAGS(RouteInfo.ROUTE_TAGS),
        MANIFEST(RouteInfo.ROUTE_MANIFEST),
        BLOB(RouteInfo.ROUTE_BLOB),
        UPLOAD_START(RouteInfo.ROUTE_UPLOAD_START),
        UPLOAD(RouteInfo.ROUTE_UPLOAD),
        REFERRERS(RouteInfo.ROUTE_REFERRERS);

        final String routeName;

        Kind(String routeName) {
            this.routeName = routeName;
        }

        /** Whether the path names a repository: all but the base and the catalog do, even when empty. */
        boolean named() {
            return this != BASE && this != CATALOG;
        }
    }

    /**
     * The route of a raw (percent-encoded) path, or empty when the path is not part of the API.
     * Each segment is decoded on its own, and one that decodes to hold a {@code /} is refused,
     * so {@code %2F} can never forge a name component.
     */
    static Optional<Route> parse(String rawPath) {
        if (!rawPath.startsWith("/v2")) {
            return Optional.empty();
        }
        String rest = rawPath.substring(3);
        if (rest.isEmpty() || rest.equals("/")) {
            return Optional.of(new Route(Kind.BASE, "", ""));
        }
        if (!rest.startsWith("/")) {
            return Optional.empty();
        }
        List<String> segments = segments(rest.substring(1));
        int n = segments.size();
        if (n == 1 && segments.get(0).equals("_catalog")) {
            return Optional.of(new Route(Kind.CATALOG, "", ""));
        }
        if (n >= 3 && segments.get(n - 2).equals("tags") && segments.get(n - 1).equals("list")) {
            return Optional.of(new Route(Kind.TAGS, join(segments, n - 2), ""));
        }
        if (n >= 3 && segments.get(n - 2).equals("manifests")) {
            return Optional.of(new Route(Kind.MANIFEST, join(segments, n - 2), segments.get(n - 1)));
        }
        if (n >= 3 && segments.get(n - 2).equals("referrers")) {
            return Optional.of(new Route(Kind.REFERRERS, join(segments, n - 2), segments.get(n - 1)));
        }
        // ".../blobs/uploads/" splits into a trailing empty segment; ".../blobs/uploads" has none.
        if (n >= 4 && segments.get(n - 3).equals("blobs") && segments.get(n - 2).equals("uploads")) {
            String id = segments.get(n - 1);
            return Optional.of(id.isEmpty()
                    ? new Route(Kind.UPLOAD_START, join(segments, n - 3), "")
                    : new Route(Kind.UPLOAD, join(segments, n - 3), id));
        }
        if (n >= 3 && segments.get(n - 2).equals("blobs")) {
            return Optional.of(segments.get(n - 1).equals("uploads")
                    ? new Route(Kind.UPLOAD_START, join(segments, n - 2), "")
                    : new Route(Kind.BLOB, join(segments, n - 2), segments.get(n - 1)));
        }
        return Optional.empty();
    }

    private static List<String> segments(String path) {
        String[] raw = path.split("/", -1);
        List<String> segments = new ArrayList<>(raw.length);
        for (String segment : raw) {
            String decoded = decode(segment);
            if (decoded.indexOf('/') >= 0) {
                throw ErrorCode.NAME_INVALID.exception("invalid repository name", "encoded slash in path");
            }
            segments.add(decoded);
        }
        return segments;
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            // '+' is a literal in a path; only the query treats it as a space.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "malformed percent-encoding in path",
                    segment, ErrorCode.NAME_INVALID.httpStatus(), e);
        }
    }

    private static String join(List<String> segments, int end) {
        return String.join("/", segments.subList(0, end));
    }
}
