package dev.berth.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.ErrorCode;
import dev.berth.api.MediaType;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.store.Catalog;
import dev.berth.api.store.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The listings: tags (end-8a, end-8b), the catalog and referrers (end-12a, end-12b). Pages
 * are lexical; a full page whose store says more follow gets a {@code Link: <...>; rel="next"}.
 */
final class ListingEndpoints {

    /** The catalog's page size when the client gives no {@code n}, and the most it may ask for. */
    static final int CATALOG_DEFAULT_ENTRIES = 100;
    static final int CATALOG_MAX_ENTRIES = 1000;


    HttpResponse tags(Call call) {
        OptionalInt n = pageSize(call.request());
        Optional<String> last = call.request().queryParameter("last");
        if (!call.repository().exists()) {
            throw ErrorCode.NAME_UNKNOWN.exception("repository name not known to registry", call.name().value());
        }
        Page<Tag> page = n.isPresent() && n.getAsInt() == 0
                ? Page.empty()
                : call.repository().tags().list(last.orElse(null), n.orElse(Integer.MAX_VALUE));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", call.name().value());
        body.put("tags", page.items().stream().map(Tag::value).toList());
        HttpHeaders.Builder headers = HttpHeaders.builder();
        if (page.truncated() && !page.items().isEmpty()) {
            String lastItem = page.items().get(page.items().size() - 1).value();
            headers.set("Link", next(call.request(), call.repositoryPath() + "/tags/list", lastItem, n));
        }
        return json(call, headers, body, MediaType.JSON);
    }

    HttpResponse catalog(Call call, Catalog catalog) {
        OptionalInt requested = pageSize(call.request());
        int n = Math.min(requested.orElse(CATALOG_DEFAULT_ENTRIES), CATALOG_MAX_ENTRIES);
        Page<RepositoryName> page = n == 0
                ? Page.empty()
                : catalog.list(call.request().queryParameter("last").orElse(null), n);
        HttpHeaders.Builder headers = HttpHeaders.builder();
        if (page.truncated() && !page.items().isEmpty()) {
            String lastItem = page.items().get(page.items().size() - 1).value();
            headers.set("Link", next(call.request(), "/v2/_catalog", lastItem, OptionalInt.of(n)));
        }
        return json(call, headers, Map.of("repositories", page.items().stream().map(RepositoryName::value).toList()),
                MediaType.JSON);
    }

    HttpResponse referrers(Call call) {
        Digest subject = Digest.parse(call.route().argument());
        Optional<String> artifactType = call.request().queryParameter("artifactType").filter(type -> !type.isEmpty());
        List<Descriptor> referrers = call.repository().manifests().referrers(subject, artifactType);
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaType.OCI_INDEX);
        index.put("manifests", referrers);
        HttpHeaders.Builder headers = HttpHeaders.builder();
        artifactType.ifPresent(type -> headers.set("OCI-Filters-Applied", "artifactType"));
        return json(call, headers, index, MediaType.OCI_INDEX);
    }

    private static OptionalInt pageSize(HttpRequest request) {
        Optional<String> n = request.queryParameter("n");
        if (n.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(n.get());
            if (value >= 0) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ErrorCode.PAGINATION_NUMBER_INVALID.exception("invalid number of results requested", n.get());
    }

    private static String next(HttpRequest request, String path, String last, OptionalInt n) {
        StringBuilder url = new StringBuilder(path).append("?last=").append(encode(last));
        n.ifPresent(size -> url.append("&n=").append(size));
        return "<" + Urls.link(request, url.toString()) + ">; rel=\"next\"";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse json(Call call, HttpHeaders.Builder headers, Object body, String contentType) {
        try {
            headers.set("Content-Type", contentType);
            return call.respond(200, headers, ResponseBody.of(Json.mapper().writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("listings are plain values", e);
        }
    }
}
