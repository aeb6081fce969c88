package dev.berth.storage.layout;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.storage.driver.StoragePaths;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {

    private static final Digest DIGEST =
            Digest.parse("sha256:96443a84ce518ac22acb2e985eda402b58ac19ce6f91980bde63726a79d80b36");
    private static final RepositoryName NAME = RepositoryName.parse("group/sub-group/image");
    private static final String REPO = "/docker/registry/v2/repositories/group/sub-group/image";

    @Test
    void blobDataIsSplitByTheFirstTwoHexDigits() {
        assertThat(Layout.blobData(DIGEST)).isEqualTo("/docker/registry/v2/blobs/sha256/96/"
                + "96443a84ce518ac22acb2e985eda402b58ac19ce6f91980bde63726a79d80b36/data");
    }

    @Test
    void repositoryPathsFollowDistributionsPathSpecs() {
        String hex = DIGEST.hex();
        Tag latest = Tag.parse("latest");

        assertThat(Layout.layerLink(NAME, DIGEST)).isEqualTo(REPO + "/_layers/sha256/" + hex + "/link");
        assertThat(Layout.revisionLink(NAME, DIGEST)).isEqualTo(REPO + "/_manifests/revisions/sha256/" + hex + "/link");
        assertThat(Layout.tagCurrentLink(NAME, latest)).isEqualTo(REPO + "/_manifests/tags/latest/current/link");
        assertThat(Layout.tagIndexLink(NAME, latest, DIGEST))
                .isEqualTo(REPO + "/_manifests/tags/latest/index/sha256/" + hex + "/link");
        assertThat(Layout.uploadData(NAME, "1f1d7c2e-4b4e-4c39-9d1a-9a0b2a3c4d5e"))
                .isEqualTo(REPO + "/_uploads/1f1d7c2e-4b4e-4c39-9d1a-9a0b2a3c4d5e/data");
        assertThat(Layout.uploadStartedAt(NAME, "abc")).isEqualTo(REPO + "/_uploads/abc/startedat");
        assertThat(Layout.uploadHashState(NAME, "abc", DIGEST.algorithm(), 1024))
                .isEqualTo(REPO + "/_uploads/abc/hashstates/sha256/1024");
    }

    @Test
    void everyPathIsAValidDriverPath() {
        Tag tag = Tag.parse("_weird.Tag-1");
        for (String path : List.of(Layout.blobData(DIGEST), Layout.layerLink(NAME, DIGEST),
                Layout.tagIndexLink(NAME, tag, DIGEST), Layout.referrerLink(NAME, DIGEST, DIGEST),
                Layout.uploadStartedAt(NAME, "abc"))) {
            assertThat(StoragePaths.validate(path)).isEqualTo(path);
        }
    }

    @Test
    void uploadIdsThatCouldEscapeTheirDirectoryAreRefused() {
        for (String id : List.of("..", ".", "a/b", "", "-leading", "x".repeat(129))) {
            assertThat(Layout.isUploadId(id)).as(id).isFalse();
            assertThatThrownBy(() -> Layout.uploadData(NAME, id)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void linkHoldsTheDigestStringWithoutNewline() {
        assertThat(new String(Layout.link(DIGEST), UTF_8)).isEqualTo(DIGEST.toString());
        assertThat(Layout.parseLink((DIGEST + "\n").getBytes(UTF_8))).isEqualTo(DIGEST);
    }

    @Test
    void startedAtIsRfc3339UtcToTheSecondLikeGo() {
        Instant instant = Instant.parse("2026-11-27T08:54:55.123456Z");

        assertThat(new String(Layout.startedAt(instant), UTF_8)).isEqualTo("2026-11-27T08:54:55Z");
        assertThat(Layout.parseStartedAt("2026-11-27T09:54:55+01:00".getBytes(UTF_8)))
                .contains(Instant.parse("2026-11-27T08:54:55Z"));
        assertThat(Layout.parseStartedAt("2026-11-27T08:54:55.5Z".getBytes(UTF_8)))
                .contains(Instant.parse("2026-11-27T08:54:55.5Z"));
        assertThat(Layout.parseStartedAt("garbage".getBytes(UTF_8))).isEmpty();
    }
}
