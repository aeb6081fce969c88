package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {

    @Test
    void aReferenceWithAColonIsADigest() {
        Digest digest = Digest.sha256(new byte[] {42});
        assertThat(Reference.parse(digest.toString())).isEqualTo(digest);
    }

    @Test
    void aReferenceWithoutAColonIsATag() {
        assertThat(Reference.parse("v1.2.3-rc_1")).isEqualTo(new Tag("v1.2.3-rc_1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden", "-dash", "a/b", "tag with space", "ümlaut"})
    void invalidTagsAreRefusedWithTagInvalid(String text) {
        assertThatThrownBy(() -> Reference.parse(text))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TAG_INVALID));
    }

    @Test
    void tagsAreAtMost128Characters() {
        assertThat(Tag.isValid("t".repeat(128))).isTrue();
        assertThat(Tag.isValid("t".repeat(129))).isFalse();
    }

    @Test
    void aMalformedDigestReferenceIsRefusedWithDigestInvalid() {
        assertThatThrownBy(() -> Reference.parse("sha256:nothex"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID));
    }
}
