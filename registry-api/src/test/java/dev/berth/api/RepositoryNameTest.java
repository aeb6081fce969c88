package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class RepositoryNameTest {

    /** The distribution spec's grammar, written out independently of the implementation's. */
    private static final Pattern SPEC =
            Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");

    /** Strings over the characters that matter, biased towards almost-valid names. */
    private static final Gen<String> NAME_LIKE = lists()
            .of(Generate.pick(List.of("a", "b", "z", "0", "9", ".", "_", "__", "-", "--", "/", "A", ":", "..", " ")))
            .ofSizeBetween(0, 24)
            .map(parts -> String.join("", parts));

    @Test
    void acceptsExactlyWhatTheSpecGrammarAccepts() {
        qt().withExamples(5_000).forAll(NAME_LIKE).checkAssert(candidate -> {
            boolean expected = SPEC.matcher(candidate).matches();
            assertThat(RepositoryName.isValid(candidate)).as(candidate).isEqualTo(expected);
            if (expected) {
                assertThat(RepositoryName.parse(candidate).value()).isEqualTo(candidate);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "library/ubuntu", "a", "gitlab-org/gitlab-runner", "a__b/c.d/e--f", "0/1/2/3/4/5/6/7/8/9",
    })
    void validNamesParse(String name) {
        assertThat(RepositoryName.parse(name)).hasToString(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "..", "../etc", "a/../b", "a/./b", "/a", "a/", "a//b", "_a", "a_", "a-", "-a", "A",
        "a b", "a:b", "a___b", "a/.hidden", "a%2fb", "a\\b", "a\u0000b",
    })
    void hostileOrMalformedNamesAreRefusedWithNameInvalid(String name) {
        assertThatThrownBy(() -> RepositoryName.parse(name))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NAME_INVALID));
    }

    @Test
    void namesLongerThan255CharactersAreRefused() {
        String longest = "a".repeat(255);
        assertThat(RepositoryName.isValid(longest)).isTrue();
        assertThat(RepositoryName.isValid(longest + "a")).isFalse();
    }

    @Test
    void componentsSplitOnSlashes() {
        assertThat(RepositoryName.parse("group/sub/app").components()).containsExactly("group", "sub", "app");
    }
}
