package dev.berth.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A resource and actions on it, as the Docker token spec writes it:
 * {@code repository:group/app:pull,push} or {@code registry:catalog:*}. In a token's
 * {@code access} claim the same triple appears as {@code {type, name, actions}}.
 *
 * <p>The grammar is the token spec's: a type of lower-case letters and digits with an optional
 * {@code (class)}, a non-empty name (which may hold colons: {@code localhost:5000/app}), and
 * actions of lower-case letters or {@code *}. Anything else is refused here, so a scope that
 * reaches a challenge header or a token can neither break the header's quoting nor smuggle
 * separators.
 */
public record Scope(String type, String name, Set<String> actions) {

    public static final String PULL = "pull";
    public static final String PUSH = "push";
    public static final String DELETE = "delete";
    public static final String ALL = "*";

    private static final Pattern TYPE = Pattern.compile("[a-z0-9]+(?:\\([a-z0-9]+\\))?");
    private static final Pattern NAME = Pattern.compile("[^\\s\",\\\\]+");
    private static final Pattern ACTION = Pattern.compile("[a-z]+|\\*");

    public Scope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("invalid scope type: " + type);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid scope name: " + name);
        }
        for (String action : actions) {
            if (!ACTION.matcher(action).matches()) {
                throw new IllegalArgumentException("invalid scope action: " + action);
            }
        }
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
     *
     * @throws IllegalArgumentException when the text is not a scope
     */
    public static Scope parse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first) {
            throw new IllegalArgumentException("invalid scope: " + text);
        }
        Set<String> actions = new TreeSet<>();
        for (String action : text.substring(last + 1).split(",", -1)) {
            if (!action.isEmpty()) {
                actions.add(action);
            }
        }
        return new Scope(text.substring(0, first), text.substring(first + 1, last), actions);
    }

    /**
     * Parses a space-separated list of scopes, the form a challenge's {@code scope} parameter
     * and some clients' {@code scope} query parameter take.
     */
    public static List<Scope> parseAll(String text) {
        List<Scope> scopes = new ArrayList<>();
        for (String part : text.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                scopes.add(parse(part));
            }
        }
        return List.copyOf(scopes);
    }

    /**
     * Joins scopes on the same resource, keeping first-seen order of resources:
     * {@code [repository:a:pull, repository:a:push]} becomes {@code [repository:a:pull,push]}.
     */
    public static List<Scope> merge(Collection<Scope> scopes) {
        Map<String, Set<String>> byResource = new LinkedHashMap<>();
        Map<String, Scope> firstSeen = new LinkedHashMap<>();
        for (Scope scope : scopes) {
            String key = scope.type + ":" + scope.name;
            firstSeen.putIfAbsent(key, scope);
            byResource.computeIfAbsent(key, k -> new TreeSet<>()).addAll(scope.actions);
        }
        List<Scope> merged = new ArrayList<>();
        firstSeen.forEach((key, scope) -> merged.add(new Scope(scope.type, scope.name, byResource.get(key))));
        return List.copyOf(merged);
    }

    /** Whether this (granted) scope allows every action of {@code wanted} on the same resource. */
    public boolean covers(Scope wanted) {
        if (!sameResource(wanted)) {
            return false;
        }
        return actions.contains(ALL) || actions.containsAll(wanted.actions);
    }

    /** Whether both scopes name the same resource (type and name), whatever their actions. */
    public boolean sameResource(Scope other) {
        return type.equals(other.type) && name.equals(other.name);
    }

    /** The scope string, actions sorted: {@code repository:a/b:pull,push}. */
    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", new TreeSet<>(actions));
    }
}
