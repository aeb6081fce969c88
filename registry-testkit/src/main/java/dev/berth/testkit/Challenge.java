package dev.berth.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code WWW-Authenticate} header: scheme and parameters ({@code realm}, {@code service}, {@code scope}). */
record Challenge(String scheme, Map<String, String> parameters) {

    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    static Optional<Challenge> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(space < 0 ? "" : trimmed.substring(space + 1));
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2));
        }
        return Optional.of(new Challenge(scheme, Map.copyOf(parameters)));
    }

    boolean isBearer() {
        return scheme.equalsIgnoreCase("Bearer");
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }
}
