package dev.berth.server.notify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happened to the target of an {@link Event}, in distribution's words. */
public enum Action {
    PUSH,
    PULL,
    MOUNT,
    DELETE;

    /** The lower-case word of the wire format and of {@code ignore.actions}. */
    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action for a word of {@code ignore.actions}; case-insensitive as distribution. */
    public static Action parse(String word) {
        for (Action action : values()) {
            if (action.word().equalsIgnoreCase(word.trim())) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown notification action '" + word + "' (push, pull, mount, delete)");
    }
}
