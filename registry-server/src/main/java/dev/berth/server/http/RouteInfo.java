package dev.berth.server.http;

import dev.berth.api.RepositoryName;
import java.util.Objects;
import java.util.Optional;

/**
 * What the handler made of a request, for interceptors (metrics by route, the access log,
 * notifications): the route's name, the repository and reference in the URL, and who was let in.
 *
 * @param name       one of the {@code ROUTE_*} names, stable for dashboards
 * @param repository the repository named in the URL, once validated
 * @param reference  the tag, digest or upload id after the route's keyword, as sent
 * @param subject    the authenticated subject, when access was granted to someone
 */
public record RouteInfo(String name, Optional<RepositoryName> repository, Optional<String> reference,
                        Optional<String> subject) {

    public static final String ROUTE_BASE = "base";
    public static final String ROUTE_CATALOG = "catalog";
    public static final String ROUTE_TAGS = "tags";
    public static final String ROUTE_MANIFEST = "manifest";
    public static final String ROUTE_BLOB = "blob";
    public static final String ROUTE_UPLOAD_START = "blob_upload_start";
    public static final String ROUTE_UPLOAD = "blob_upload";
    public static final String ROUTE_REFERRERS = "referrers";
    /** A path that is not part of the API. */
    public static final String ROUTE_UNMATCHED = "unmatched";

    public static final RouteInfo UNMATCHED =
            new RouteInfo(ROUTE_UNMATCHED, Optional.empty(), Optional.empty(), Optional.empty());

    public RouteInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(subject, "subject");
    }

    /** This route, granted to {@code who}. */
    public RouteInfo withSubject(Optional<String> who) {
        return new RouteInfo(name, repository, reference, who);
    }
}
