package dev.berth.server.http;

import dev.berth.api.RepositoryName;
import dev.berth.auth.Scope;
import java.util.List;

/**
 * The scopes each request needs, as distribution asks for them: reads need {@code pull}; every
 * upload step and a manifest push need {@code pull,push}; deleting a blob or manifest needs
 * {@code delete}; the catalog needs {@code registry:catalog:*}; the base endpoint needs none,
 * only a valid identity.
 */
final class AccessScopes {

    private AccessScopes() {
    }

    static List<Scope> of(Route.Kind kind, String method, RepositoryName name) {
        return switch (kind) {
            case BASE -> List.of();
            case CATALOG -> List.of(Scope.catalog());
            case TAGS, REFERRERS -> List.of(pull(name));
            case BLOB, MANIFEST -> switch (method) {
                case "GET", "HEAD" -> List.of(pull(name));
                case "DELETE" -> List.of(Scope.repository(name.value(), Scope.DELETE));
                default -> List.of(Scope.repository(name.value(), Scope.PULL, Scope.PUSH));
            };
            case UPLOAD_START, UPLOAD -> List.of(Scope.repository(name.value(), Scope.PULL, Scope.PUSH));
        };
    }

    static Scope pull(RepositoryName name) {
        return Scope.repository(name.value(), Scope.PULL);
    }
}
