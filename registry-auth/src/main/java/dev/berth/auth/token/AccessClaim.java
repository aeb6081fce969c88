package dev.berth.auth.token;

import dev.berth.auth.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The token's private {@code access} claim: {@code [{"type","name","actions":[…]}]}. */
final class AccessClaim {

    static final String NAME = "access";

    private AccessClaim() {
    }

    static List<Object> write(List<Scope> scopes) {
        List<Object> claim = new ArrayList<>();
        for (Scope scope : scopes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", scope.type());
            entry.put("name", scope.name());
            entry.put("actions", new ArrayList<>(new TreeSet<>(scope.actions())));
            claim.add(entry);
        }
        return claim;
    }

    /**
     * Reads the claim as Nimbus hands it over (lists and maps). A missing claim grants nothing;
     * a malformed one fails the whole token rather than being half-understood.
     */
    static List<Scope> read(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (!(claim instanceof List<?> entries)) {
            throw new IllegalArgumentException("access claim is not an array");
        }
        List<Scope> scopes = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> fields)
                    || !(fields.get("type") instanceof String type)
                    || !(fields.get("name") instanceof String name)) {
                throw new IllegalArgumentException("access entry without type and name");
            }
            Object actionList = fields.get("actions");
            Set<String> actions = new TreeSet<>();
            if (actionList != null) {
                if (!(actionList instanceof List<?> list)) {
                    throw new IllegalArgumentException("access actions are not an array");
                }
                for (Object action : list) {
                    if (!(action instanceof String text)) {
                        throw new IllegalArgumentException("access action is not a string");
                    }
                    actions.add(text);
                }
            }
            scopes.add(new Scope(type, name, actions));
        }
        return List.copyOf(scopes);
    }
}
