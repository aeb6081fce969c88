package dev.berth.gc.cleanup;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.api.RepositoryName;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * GitLab's tag cleanup policy for the repositories it applies to: {@code repository} (one name)
 * or {@code repositoryRegex} (every name it fully matches).
 *
 * <p>For each repository, the tags to remove are found as GitLab's {@code CleanupTagsService}
 * finds them: drop {@code latest}; keep only tags whose name {@code nameRegex} fully matches and
 * {@code nameRegexKeep} does not (keep wins); order them newest first by when the tag was last
 * written and drop the first {@code keepN}; of the rest keep only those older than
 * {@code olderThan}. A policy without {@code nameRegex} matches every tag name, but must then
 * bound itself with {@code keepN} or {@code olderThan}: a policy that would untag everything is
 * refused.
 */
public record CleanupPolicy(
        Optional<String> repository,
        Optional<String> repositoryRegex,
        Optional<String> nameRegex,
        Optional<String> nameRegexKeep,
        OptionalInt keepN,
        Optional<Duration> olderThan) {

    /** The tag GitLab never deletes. */
    public static final String LATEST = "latest";

    public CleanupPolicy {
        if (repository.isPresent() == repositoryRegex.isPresent()) {
            throw new IllegalArgumentException("a cleanup policy names either repository or repository_regex");
        }
        repository.ifPresent(RepositoryName::parse);
        repositoryRegex.ifPresent(CleanupPolicy::compile);
        nameRegex.ifPresent(CleanupPolicy::compile);
        nameRegexKeep.ifPresent(CleanupPolicy::compile);
        if (keepN.isPresent() && keepN.getAsInt() < 0) {
            throw new IllegalArgumentException("keep_n must not be negative: " + keepN.getAsInt());
        }
        if (olderThan.isPresent() && olderThan.get().isNegative()) {
            throw new IllegalArgumentException("older_than must not be negative: " + olderThan.get());
        }
        if (nameRegex.isEmpty() && keepN.isEmpty() && olderThan.isEmpty()) {
            throw new IllegalArgumentException(
                    "a cleanup policy needs name_regex, keep_n or older_than; without any it would untag everything");
        }
    }

    /** The policy file's form: GitLab's names, {@code older_than} as {@code 7d}, {@code 14d}, {@code 90d}… */
    @JsonCreator
    static CleanupPolicy fromYaml(
            @JsonProperty("repository") String repository,
            @JsonProperty("repository_regex") String repositoryRegex,
            @JsonProperty("name_regex") String nameRegex,
            @JsonProperty("name_regex_keep") String nameRegexKeep,
            @JsonProperty("keep_n") Integer keepN,
            @JsonProperty("older_than") String olderThan) {
        return new CleanupPolicy(Optional.ofNullable(repository), Optional.ofNullable(repositoryRegex),
                Optional.ofNullable(nameRegex), Optional.ofNullable(nameRegexKeep),
                keepN == null ? OptionalInt.empty() : OptionalInt.of(keepN),
                Optional.ofNullable(olderThan).map(Durations::parse));
    }

    /** A policy for one repository; refine it with the {@code with…} methods. */
    public static CleanupPolicy forRepository(String name) {
        return new CleanupPolicy(Optional.of(name), Optional.empty(), Optional.of(".*"), Optional.empty(),
                OptionalInt.empty(), Optional.empty());
    }

    /** A policy for every repository whose name {@code regex} fully matches. */
    public static CleanupPolicy forRepositories(String regex) {
        return new CleanupPolicy(Optional.empty(), Optional.of(regex), Optional.of(".*"), Optional.empty(),
                OptionalInt.empty(), Optional.empty());
    }

    public CleanupPolicy withNameRegex(String regex) {
        return new CleanupPolicy(repository, repositoryRegex, Optional.of(regex), nameRegexKeep, keepN, olderThan);
    }

    public CleanupPolicy withNameRegexKeep(String regex) {
        return new CleanupPolicy(repository, repositoryRegex, nameRegex, Optional.of(regex), keepN, olderThan);
    }

    public CleanupPolicy withKeepN(int n) {
        return new CleanupPolicy(repository, repositoryRegex, nameRegex, nameRegexKeep, OptionalInt.of(n), olderThan);
    }

    public CleanupPolicy withOlderThan(Duration age) {
        return new CleanupPolicy(repository, repositoryRegex, nameRegex, nameRegexKeep, keepN, Optional.of(age));
    }

    /** Whether this policy governs the repository. */
    public boolean appliesTo(RepositoryName name) {
        return repository.map(name.value()::equals)
                .orElseGet(() -> compile(repositoryRegex.orElseThrow()).matcher(name.value()).matches());
    }

    /** Whether a tag of that name may be removed by name: not latest, matched to delete, not matched to keep. */
    boolean nameEligible(String tag) {
        if (LATEST.equals(tag)) {
            return false;
        }
        boolean delete = nameRegex.map(r -> compile(r).matcher(tag).matches()).orElse(true);
        boolean keep = nameRegexKeep.map(r -> compile(r).matcher(tag).matches()).orElse(false);
        return delete && !keep;
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression in cleanup policy: " + regex, e);
        }
    }
}
