package dev.berth.server.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable, case-insensitive multimap of HTTP header fields. Names keep the spelling they
 * were first given (what goes on the wire); lookups ignore case, as HTTP says they must.
 */
public final class HttpHeaders {

    private static final HttpHeaders EMPTY = new HttpHeaders(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    private final TreeMap<String, List<String>> fields;

    private HttpHeaders(TreeMap<String, List<String>> fields) {
        this.fields = fields;
    }

    public static HttpHeaders empty() {
        return EMPTY;
    }

    /** Headers holding a copy of {@code fields}; entries whose names differ only in case are merged. */
    public static HttpHeaders of(Map<String, List<String>> fields) {
        Builder builder = builder();
        fields.forEach((name, values) -> {
            if (name != null && values != null) {
                values.forEach(value -> builder.add(name, value));
            }
        });
        return builder.build();
    }

    public static Builder builder() {
        return new Builder(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    }

    /** The first value of {@code name}, if the header is present. */
    public Optional<String> first(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of {@code name}, in the order received; empty when absent. */
    public List<String> all(String name) {
        List<String> values = fields.get(name);
        return values == null ? List.of() : values;
    }

    public boolean contains(String name) {
        return fields.containsKey(name);
    }

    /** The header names, as first spelled. */
    public Set<String> names() {
        return Collections.unmodifiableSet(fields.keySet());
    }

    /** The fields as an unmodifiable, case-insensitive map. */
    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(fields);
    }

    public Builder toBuilder() {
        Builder builder = builder();
        fields.forEach((name, values) -> values.forEach(value -> builder.add(name, value)));
        return builder;
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    /** Collects header fields; not thread-safe. */
    public static final class Builder {

        private final TreeMap<String, List<String>> fields;

        private Builder(TreeMap<String, List<String>> fields) {
            this.fields = fields;
        }

        /** Adds a value, keeping those already there. */
        public Builder add(String name, String value) {
            fields.computeIfAbsent(checkName(name), key -> new ArrayList<>()).add(checkValue(value));
            return this;
        }

        /** Replaces every value of {@code name} with {@code value}. */
        public Builder set(String name, String value) {
            List<String> values = new ArrayList<>();
            values.add(checkValue(value));
            fields.remove(name);
            fields.put(checkName(name), values);
            return this;
        }

        public Builder remove(String name) {
            fields.remove(name);
            return this;
        }

        public HttpHeaders build() {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            fields.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            return new HttpHeaders(copy);
        }

        // A loop, not a stream: this runs for every header of every request.
        private static String checkName(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("invalid header name: " + name);
            }
            for (int i = 0; i < name.length(); i++) {
                if (!isTokenChar(name.charAt(i))) {
                    throw new IllegalArgumentException("invalid header name: " + name);
                }
            }
            return name;
        }

        // A CR or LF in a value would let a caller split the response: refuse it outright.
        private static String checkValue(String value) {
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("invalid header value: " + value);
            }
            return value;
        }

        private static boolean isTokenChar(int c) {
            return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }
    }

}
