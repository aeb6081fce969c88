package dev.berth.gc.cleanup;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.api.RepositoryName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An ordered list of policies; a repository follows the first one that applies to it. The
 * policy file is YAML:
 *
 * <pre>
 * policies:
 *   - repository: group/app          # or repository_regex: "group/.*"
 *     name_regex: ".*"               # tags to remove (full match)
 *     name_regex_keep: "v\\d+\\..*"  # tags to keep whatever else matches
 *     keep_n: 10                     # the 10 most recent removable tags stay
 *     older_than: 90d                # only tags last written more than 90 days ago go
 * </pre>
 *
 * Unknown keys are refused rather than ignored, so a misspelt {@code keep_n} cannot turn a
 * policy into "untag everything".
 */
public record CleanupPolicies(List<CleanupPolicy> policies) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @JsonCreator
    public CleanupPolicies(@JsonProperty("policies") List<CleanupPolicy> policies) {
        this.policies = policies == null ? List.of() : List.copyOf(policies);
    }

    public static CleanupPolicies of(CleanupPolicy... policies) {
        return new CleanupPolicies(List.of(policies));
    }

    /** Reads a policy file; an invalid file is an {@link IllegalArgumentException} saying what is wrong. */
    public static CleanupPolicies load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy file " + file, e);
        }
    }

    public static CleanupPolicies parse(String yaml) {
        try {
            CleanupPolicies parsed = YAML.readValue(yaml, CleanupPolicies.class);
            return parsed == null ? new CleanupPolicies(List.of()) : parsed;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
            throw new IllegalArgumentException("invalid cleanup policy file: " + cause.getMessage(), e);
        }
    }

    /** The policy the repository follows, if any. */
    public Optional<CleanupPolicy> forRepository(RepositoryName name) {
        return policies.stream().filter(p -> p.appliesTo(name)).findFirst();
    }
}
