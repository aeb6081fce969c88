package dev.berth.storage.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

// Property tests use QuickTheories, not jqwik: since 1.10 jqwik's maintainer asks that coding
// agents not use it, and we respect that.
class StoragePathsTest {

    /** The definition the hand-written scan must agree with: distribution's driver path rule. */
    private static final Pattern PATH = Pattern.compile("/|(/[A-Za-z0-9._-]+)+");

    /** Mostly path characters, some slashes and dots, now and then something no path may hold. */
    private static final String ALPHABET = "/////....aZ09_-~ %é\\:";

    @Test
    void validationAgreesWithDistributionsPathRuleOnAnyString() {
        Gen<String> strings = lists().of(integers().between(0, ALPHABET.length() - 1)).ofSizeBetween(0, 12)
                .map(indexes -> indexes.stream().map(i -> String.valueOf(ALPHABET.charAt(i))).collect(Collectors.joining()));
        qt().forAll(strings).checkAssert(path -> assertThat(accepts(path)).as(path).isEqualTo(definitionAccepts(path)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/docker/registry/v2/blobs/sha256/ab", "/a.b/_c-d/E9", "/.../x"})
    void wellFormedPathsAreReturnedAsTheyAre(String path) {
        assertThat(StoragePaths.validate(path)).isSameAs(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "//", "/a/", "/a//b", "/./a", "/a/..", "/a b", "/~berth-tmp", "/é", "/a\uD83D\uDE00", "/\uD83D\uDE00/b"})
    void malformedPathsAreRefusedNamingThePath(String path) {
        assertThatThrownBy(() -> StoragePaths.validate(path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid storage path");
    }

    @Test
    void aComponentIsWhatOnePathSegmentMayBe() {
        for (String name : List.of("a", "sha256", "data", "...", "a.b-c_D9")) {
            assertThat(StoragePaths.isComponent(name)).as(name).isTrue();
        }
        for (String name : List.of("", ".", "..", "~berth-123", "a/b", "a b", "\uD83D\uDE00", "ab\uD83D\uDE00")) {
            assertThat(StoragePaths.isComponent(name)).as(name).isFalse();
        }
    }

    private static boolean accepts(String path) {
        try {
            StoragePaths.validate(path);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    private static boolean definitionAccepts(String path) {
        return PATH.matcher(path).matches() && !List.of(path.split("/")).contains(".") && !List.of(path.split("/")).contains("..");
    }
}
