package dev.berth.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.RegistryException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTest {

    private static Route route(String path) {
        return Route.parse(path).orElseThrow(() -> new AssertionError("no route for " + path));
    }

    @Test
    void baseAndCatalogAreRecognised() {
        assertThat(route("/v2/").kind()).isEqualTo(Route.Kind.BASE);
        assertThat(route("/v2").kind()).isEqualTo(Route.Kind.BASE);
        assertThat(route("/v2/_catalog").kind()).isEqualTo(Route.Kind.CATALOG);
    }

    @Test
    void namesAreReadFromTheEndSoEndpointWordsMayBeComponents() {
        assertThat(route("/v2/a/manifests/b/manifests/latest")).isEqualTo(new Route(Route.Kind.MANIFEST, "a/manifests/b", "latest"));
        assertThat(route("/v2/blobs/blobs/uploads/")).isEqualTo(new Route(Route.Kind.UPLOAD_START, "blobs", ""));
        assertThat(route("/v2/x/blobs/uploads")).isEqualTo(new Route(Route.Kind.UPLOAD_START, "x", ""));
        assertThat(route("/v2/x/y/blobs/uploads/abc-123")).isEqualTo(new Route(Route.Kind.UPLOAD, "x/y", "abc-123"));
        assertThat(route("/v2/x/blobs/sha256:00")).isEqualTo(new Route(Route.Kind.BLOB, "x", "sha256:00"));
        assertThat(route("/v2/tags/tags/list")).isEqualTo(new Route(Route.Kind.TAGS, "tags", ""));
        assertThat(route("/v2/r/referrers/sha256:00")).isEqualTo(new Route(Route.Kind.REFERRERS, "r", "sha256:00"));
    }

    @Test
    void pathsOutsideTheApiHaveNoRoute() {
        assertThat(Route.parse("/")).isEmpty();
        assertThat(Route.parse("/v2x/")).isEmpty();
        assertThat(Route.parse("/v2/a/tags/list/")).isEmpty();
        assertThat(Route.parse("/v2/a/unknown")).isEqualTo(Optional.empty());
    }

    @Test
    void anEncodedSlashCannotForgeANameComponent() {
        assertThatThrownBy(() -> Route.parse("/v2/a%2Fb/tags/list")).isInstanceOf(RegistryException.class);
        assertThat(route("/v2/%61/tags/list").name()).isEqualTo("a");
    }
}
