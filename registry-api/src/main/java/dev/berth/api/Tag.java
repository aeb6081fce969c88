package dev.berth.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A tag: {@code [A-Za-z0-9_][A-Za-z0-9._-]{0,127}}, as the OCI spec defines it. */
public record Tag(String value) implements Reference, Comparable<Tag> {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    public Tag {
        if (value == null || !TAG.matcher(value).matches()) {
            throw ErrorCode.TAG_INVALID.exception("invalid tag", value);
        }
    }

    @JsonCreator
    public static Tag parse(String value) {
        return new Tag(value);
    }

    public static boolean isValid(String value) {
        return value != null && TAG.matcher(value).matches();
    }

    /** Lexical order of the tag strings: the order of the tags list endpoint. */
    @Override
    public int compareTo(Tag other) {
        return value.compareTo(other.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
