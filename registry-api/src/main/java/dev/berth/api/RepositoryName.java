package dev.berth.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A repository name, as the distribution spec's grammar allows: lower-case alphanumeric path
 * components, each separated inside by {@code .}, {@code _}, {@code __} or a run of {@code -},
 * joined by {@code /}, at most 255 characters. The grammar itself keeps out {@code ..},
 * empty components, leading separators and anything a filesystem path could be tricked with,
 * so a name can go into a storage path once it is a {@code RepositoryName}.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {

    public static final int MAX_LENGTH = 255;

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern NAME = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");

    public RepositoryName {
        if (value == null || value.length() > MAX_LENGTH || !NAME.matcher(value).matches()) {
            throw ErrorCode.NAME_INVALID.exception("invalid repository name", value);
        }
    }

    @JsonCreator
    public static RepositoryName parse(String value) {
        return new RepositoryName(value);
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && NAME.matcher(value).matches();
    }

    /** The path components: {@code group/project/image} gives three. */
    public List<String> components() {
        return List.of(value.split("/"));
    }

    @Override
    public int compareTo(RepositoryName other) {
        return value.compareTo(other.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
