package dev.berth.gc.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.RepositoryName;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CleanupPoliciesTest {

    @Test
    void policyFileReadsGitLabsKeysIntoTypedPolicies() {
        CleanupPolicies policies = CleanupPolicies.parse("""
                policies:
                  - repository: group/app
                    name_regex: ".*"
                    name_regex_keep: "v\\\\d+\\\\.\\\\d+"
                    keep_n: 10
                    older_than: 90d
                  - repository_regex: "group/.*"
                    older_than: 2w
                """);

        assertThat(policies.policies()).hasSize(2);
        CleanupPolicy app = policies.policies().get(0);
        assertThat(app.repository()).contains("group/app");
        assertThat(app.nameRegexKeep()).contains("v\\d+\\.\\d+");
        assertThat(app.keepN()).isEqualTo(OptionalInt.of(10));
        assertThat(app.olderThan()).contains(Duration.ofDays(90));
        assertThat(policies.policies().get(1).olderThan()).contains(Duration.ofDays(14));
    }

    @Test
    void firstPolicyThatAppliesWins() {
        CleanupPolicies policies = CleanupPolicies.of(
                CleanupPolicy.forRepository("group/app").withKeepN(1),
                CleanupPolicy.forRepositories("group/.*").withKeepN(5));

        assertThat(policies.forRepository(RepositoryName.parse("group/app")).orElseThrow().keepN()).hasValue(1);
        assertThat(policies.forRepository(RepositoryName.parse("group/lib")).orElseThrow().keepN()).hasValue(5);
        assertThat(policies.forRepository(RepositoryName.parse("other/app"))).isEmpty();
        // The regex must match the whole name, as GitLab anchors it.
        assertThat(policies.forRepository(RepositoryName.parse("x/group/app"))).isEmpty();
    }

    @Test
    void misspeltKeyIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> CleanupPolicies.parse("""
                policies:
                  - repository: app
                    older_than: 30d
                    keepn: 3
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepn");
    }

    @Test
    void policyThatWouldUntagEverythingIsRefused() {
        assertThatThrownBy(() -> CleanupPolicies.parse("policies:\n  - repository: app\n"))
                .hasMessageContaining("untag everything");
    }

    @Test
    void policyNamesExactlyOneOfRepositoryAndRepositoryRegex() {
        assertThatThrownBy(() -> new CleanupPolicy(Optional.of("a"), Optional.of("a.*"), Optional.of(".*"),
                Optional.empty(), OptionalInt.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CleanupPolicy.forRepository("Not A Name")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> CleanupPolicy.forRepositories("(")).hasMessageContaining("invalid regular expression");
    }

    @Test
    void latestIsNeverEligibleAndKeepRegexWins() {
        CleanupPolicy policy = CleanupPolicy.forRepository("app").withNameRegex("v.*|latest").withNameRegexKeep("v1\\..*");

        assertThat(policy.nameEligible("latest")).isFalse();
        assertThat(policy.nameEligible("v1.2")).isFalse();
        assertThat(policy.nameEligible("v2.0")).isTrue();
        assertThat(policy.nameEligible("dev")).isFalse();
        // Full match: "xv2" does not match "v.*".
        assertThat(policy.nameEligible("xv2")).isFalse();
    }

    @Test
    void agesAreWrittenTheWayGitLabWritesThem() {
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("14 days")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("1w")).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("7d");
    }
}
