package dev.berth.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import dev.berth.server.conformance.TestClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** end-8a, end-8b, end-12a, end-12b and the catalog: lexical pages, Link headers, referrers. */
public interface ListingConformance extends ConformanceFixture {

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    @Test
    default void tagsAreListedInLexicalOrder() {
        for (String tag : List.of("b", "a", "C", "a1")) {
            pushImage(tag);
        }
        Response response = client().get("/v2/" + REPO + "/tags/list");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("name").asText()).isEqualTo(REPO);
        assertThat(texts(response.json().path("tags"))).containsExactly("C", "a", "a1", "b");
        assertThat(response.header("Link")).isEmpty();
    }

    @Test
    default void tagPagesFollowTheLinkHeaderToTheEnd() {
        for (String tag : List.of("t1", "t2", "t3", "t4", "t5")) {
            pushImage(tag);
        }
        List<String> seen = new ArrayList<>();
        String next = "/v2/" + REPO + "/tags/list?n=2";
        int pages = 0;
        while (next != null && pages++ < 10) {
            Response page = client().get(next);
            assertThat(page.status()).isEqualTo(200);
            List<String> tags = texts(page.json().path("tags"));
            assertThat(tags.size()).isLessThanOrEqualTo(2);
            seen.addAll(tags);
            next = page.header("Link").map(link -> link.substring(link.indexOf('<') + 1, link.indexOf('>')))
                    .orElse(null);
            if (next != null) {
                assertThat(page.header("Link").get()).endsWith("; rel=\"next\"");
            }
        }
        assertThat(seen).containsExactly("t1", "t2", "t3", "t4", "t5");
    }

    @Test
    default void lastStartsTheListAfterTheGivenTag() {
        for (String tag : List.of("a", "b", "c")) {
            pushImage(tag);
        }
        Response response = client().get("/v2/" + REPO + "/tags/list?last=a&n=1");
        assertThat(texts(response.json().path("tags"))).containsExactly("b");
        assertThat(response.header("Link")).hasValueSatisfying(link -> assertThat(link).contains("last=b"));
        Response rest = client().get("/v2/" + REPO + "/tags/list?last=c");
        assertThat(texts(rest.json().path("tags"))).isEmpty();
    }

    @Test
    default void nZeroReturnsAnEmptyListWithoutLink() {
        pushImage("a");
        Response response = client().get("/v2/" + REPO + "/tags/list?n=0");
        assertThat(response.status()).isEqualTo(200);
        assertThat(texts(response.json().path("tags"))).isEmpty();
        assertThat(response.header("Link")).isEmpty();
    }

    @Test
    default void invalidPageSizeReturns400PaginationNumberInvalid() {
        pushImage("a");
        assertError(client().get("/v2/" + REPO + "/tags/list?n=-1"), 400, "PAGINATION_NUMBER_INVALID");
        assertError(client().get("/v2/" + REPO + "/tags/list?n=many"), 400, "PAGINATION_NUMBER_INVALID");
        assertError(client().get("/v2/_catalog?n=-5"), 400, "PAGINATION_NUMBER_INVALID");
    }

    @Test
    default void tagsOfAnUnknownRepositoryReturn404NameUnknown() {
        assertError(client().get("/v2/never/pushed/tags/list"), 404, "NAME_UNKNOWN");
    }

    @Test
    default void catalogListsRepositoriesInPages() {
        for (String repo : List.of("b/app", "a/app", "c")) {
            pushImage(client(), repo, "v1", 1);
        }
        Response all = client().get("/v2/_catalog");
        assertThat(texts(all.json().path("repositories"))).containsExactly("a/app", "b/app", "c");
        Response first = client().get("/v2/_catalog?n=2");
        assertThat(texts(first.json().path("repositories"))).containsExactly("a/app", "b/app");
        assertThat(first.header("Link")).hasValueSatisfying(link ->
                assertThat(link).startsWith("</v2/_catalog?last=b%2Fapp&n=2>").endsWith("rel=\"next\""));
        Response second = client().get("/v2/_catalog?n=2&last=b/app");
        assertThat(texts(second.json().path("repositories"))).containsExactly("c");
        assertThat(second.header("Link")).isEmpty();
        Response none = client().get("/v2/_catalog?n=0");
        assertThat(texts(none.json().path("repositories"))).isEmpty();
        assertThat(none.header("Link")).isEmpty();
    }

    @Test
    default void referrersListManifestsWithTheSubjectAndFilterByArtifactType() {
        byte[] image = pushImage("v1");
        Digest subject = Digest.sha256(image);
        List<Digest> pushed = new ArrayList<>();
        for (String type : List.of("application/vnd.example.sig", "application/vnd.example.sbom")) {
            byte[] config = TestImages.config(type);
            byte[] layer = TestImages.blob(10, type.hashCode());
            pushBlob(config);
            pushBlob(layer);
            byte[] referrer = TestImages.manifest(config, layer, TestImages.subject(image), type);
            Digest digest = Digest.sha256(referrer);
            assertThat(putManifest(client(), REPO, digest.toString(), referrer, MediaType.OCI_MANIFEST).status())
                    .isEqualTo(201);
            pushed.add(digest);
        }
        Response all = client().get("/v2/" + REPO + "/referrers/" + subject);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("Content-Type")).contains(MediaType.OCI_INDEX);
        assertThat(all.json().path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(all.json().path("mediaType").asText()).isEqualTo(MediaType.OCI_INDEX);
        List<String> digests = new ArrayList<>();
        all.json().path("manifests").forEach(entry -> digests.add(entry.path("digest").asText()));
        assertThat(digests).containsExactlyInAnyOrder(pushed.get(0).toString(), pushed.get(1).toString());
        assertThat(all.header("OCI-Filters-Applied")).isEmpty();

        Response filtered = client().get("/v2/" + REPO + "/referrers/" + subject
                + "?artifactType=application/vnd.example.sbom");
        JsonNode manifests = filtered.json().path("manifests");
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).path("digest").asText()).isEqualTo(pushed.get(1).toString());
        assertThat(manifests.get(0).path("artifactType").asText()).isEqualTo("application/vnd.example.sbom");
        assertThat(filtered.header("OCI-Filters-Applied")).contains("artifactType");
    }

    @Test
    default void referrersOfAnUnknownSubjectIsAnEmptyIndex() {
        Response response = client().get("/v2/" + REPO + "/referrers/" + Digest.sha256(new byte[] {3}));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("manifests")).isEmpty();
        assertError(client().get("/v2/" + REPO + "/referrers/not-a-digest"), 400, "DIGEST_INVALID");
    }
}
