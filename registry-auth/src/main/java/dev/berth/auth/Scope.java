package dev.berth.auth;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A resource and actions on it, as the Docker token spec writes it:
 * {@code repository:group/app:pull,push} or {@code registry:catalog:*}. In a token's
 * {@code access} claim the same triple appears as {@code {type, name, actions}}.
 */
public record Scope(String type, String name, Set<String> actions) {

    public static final String PULL = "pull";
    public static final String PUSH = "push";
    public static final String DELETE = "delete";
    public static final String ALL = "*";

    public Scope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        actions = Set.copyOf(actions);
    }

    public static Scope repository(String name, String... actions) {
        return new Scope("repository", name, Set.of(actions));
    }

    public static Scope catalog() {
        return new Scope("registry", "catalog", Set.of(ALL));
    }

    /**
     * Parses {@code type:name:actions}. The name may itself hold colons (a registry host with a
     * port), so type is before the first colon and actions after the last.
     */
    public static Scope parse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first) {
            throw new IllegalArgumentException("invalid scope: " + text);
        }
        Set<String> actions = new TreeSet<>();
        for (String action : text.substring(last + 1).split(",")) {
            if (!action.isBlank()) {
                actions.add(action.trim());
            }
        }
        return new Scope(text.substring(0, first), text.substring(first + 1, last), actions);
    }

    /** Whether this (granted) scope allows every action of {@code wanted} on the same resource. */
    public boolean covers(Scope wanted) {
        if (!type.equals(wanted.type) || !name.equals(wanted.name)) {
            return false;
        }
        return actions.contains(ALL) || actions.containsAll(wanted.actions);
    }

    /** The scope string, actions sorted: {@code repository:a/b:pull,push}. */
    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", new TreeSet<>(actions));
    }
}
