package dev.berth.server.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code validation} section. As in distribution, validation is on unless
 * {@code disabled: true} (the older {@code enabled} still switches it on); when on, a foreign
 * layer URL in a pushed manifest must match an {@code allow} pattern, if any are given, and
 * none of the {@code deny} patterns.
 */
public record ValidationConfig(boolean enabled, boolean disabled, List<Pattern> allowUrls, List<Pattern> denyUrls) {

    public static final ValidationConfig DEFAULT = new ValidationConfig(false, false, List.of(), List.of());

    public ValidationConfig {
        allowUrls = List.copyOf(allowUrls);
        denyUrls = List.copyOf(denyUrls);
    }

    /** Whether manifest validation applies: {@code enabled}, or simply not {@code disabled}. */
    public boolean active() {
        return enabled || !disabled;
    }

    static ValidationConfig from(ConfigNode validation) {
        ConfigNode urls = validation.get("manifests").get("urls");
        return new ValidationConfig(validation.bool("enabled", false), validation.bool("disabled", false),
                patterns(urls, "allow"), patterns(urls, "deny"));
    }

    private static List<Pattern> patterns(ConfigNode urls, String key) {
        return urls.strings(key).stream().map(regex -> {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw urls.get(key).invalid("holds an invalid regular expression '" + regex + "': " + e.getDescription());
            }
        }).toList();
    }
}
