package dev.berth.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

// Property tests use QuickTheories, not jqwik: jqwik's maintainer asks coding agents not to use it.
class ScopeTest {

    static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789._-/:";

    static Gen<String> word(String alphabet, int min, int max) {
        return lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(min, max)
                .map(indexes -> {
                    StringBuilder text = new StringBuilder();
                    indexes.forEach(i -> text.append(alphabet.charAt(i)));
                    return text.toString();
                });
    }

    static Gen<Scope> scopes() {
        Gen<String> types = word("abcdefghijklmnopqrstuvwxyz0123456789", 1, 12)
                .zip(word("abcdefghijklmnopqrstuvwxyz", 0, 6), (type, kind) -> kind.isEmpty() ? type : type + "(" + kind + ")");
        Gen<Set<String>> actions = lists().of(Generate.pick(List.of("pull", "push", "delete", "*", "write")))
                .ofSizeBetween(0, 4).map(list -> (Set<String>) new HashSet<>(list));
        return types.zip(word(NAME_CHARS, 1, 40), actions, Scope::new);
    }

    @Test
    void formatThenParseGivesTheSameScope() {
        qt().forAll(scopes()).checkAssert(scope -> assertThat(Scope.parse(scope.toString())).isEqualTo(scope));
    }

    @Test
    void spaceSeparatedListsRoundTrip() {
        qt().forAll(lists().of(scopes()).ofSizeBetween(1, 5)).checkAssert(list -> {
            String joined = String.join(" ", list.stream().map(Scope::toString).toList());
            assertThat(Scope.parseAll(joined)).isEqualTo(list);
        });
    }

    @Test
    void mergedScopesCoverEveryInput() {
        qt().forAll(lists().of(scopes()).ofSizeBetween(1, 6)).checkAssert(list -> {
            List<Scope> merged = Scope.merge(list);
            for (Scope scope : list) {
                assertThat(merged).anyMatch(m -> m.covers(scope));
            }
        });
    }

    @Test
    void nameMayHoldAPortColon() {
        Scope scope = Scope.parse("repository:localhost:5000/group/app:pull,push");
        assertThat(scope).isEqualTo(Scope.repository("localhost:5000/group/app", "pull", "push"));
        assertThat(scope.toString()).isEqualTo("repository:localhost:5000/group/app:pull,push");
    }

    @Test
    void starCoversAnyActionButOnlyOnTheSameResource() {
        assertThat(Scope.parse("repository:a:*").covers(Scope.repository("a", "push", "delete"))).isTrue();
        assertThat(Scope.parse("repository:a:*").covers(Scope.repository("b", "pull"))).isFalse();
        assertThat(Scope.parse("registry:catalog:*").covers(Scope.repository("catalog", "pull"))).isFalse();
    }

    @Test
    void malformedScopesAreRefused() {
        for (String bad : List.of("repository", "repository:app", ":app:pull", "Repository:app:pull",
                "repository::pull", "repository:a b:pull", "repository:a\":pull", "repository:app:PULL",
                "repository:app:pull;rm")) {
            assertThatThrownBy(() -> Scope.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
