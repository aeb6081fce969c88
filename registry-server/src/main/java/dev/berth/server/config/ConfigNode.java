package dev.berth.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.berth.storage.driver.DriverParameters;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One place in the configuration tree, read as the Go type distribution gives it. Absent and
 * {@code null} mean the Go zero value, so a reader passes the default. Every failure names the
 * full key path.
 */
final class ConfigNode {

    private final JsonNode node;
    private final String path;
    private final List<String> warnings;

    ConfigNode(JsonNode node, String path, List<String> warnings) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.warnings = warnings;
    }

    String path() {
        return path;
    }

    ConfigNode get(String key) {
        return new ConfigNode(node.isObject() ? node.get(key) : null, UnknownKeys.join(path, key), warnings);
    }

    /** Whether a value is there: an empty scalar is Go's zero value, the same as none. */
    boolean isPresent() {
        return !node.isMissingNode() && !node.isNull() && !(node.isTextual() && node.asText().isEmpty());
    }

    boolean isMapping() {
        return node.isObject();
    }

    /** The keys of a mapping, in file order; none when absent. */
    List<String> keys() {
        if (!isPresent()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw invalid("must be a mapping of keys to values");
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The entries of a list; a single value counts as a list of one. */
    List<ConfigNode> elements() {
        if (!isPresent()) {
            return List.of();
        }
        if (!node.isArray()) {
            return List.of(this);
        }
        List<ConfigNode> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new ConfigNode(node.get(i), path + "[" + i + "]", warnings));
        }
        return elements;
    }

    Optional<String> text() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw invalid("must be a single value, not a " + (node.isArray() ? "list" : "mapping"));
        }
        String text = node.asText();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    Optional<String> text(String key) {
        return get(key).text();
    }

    String text(String key, String defaultValue) {
        return text(key).orElse(defaultValue);
    }

    String required(String key) {
        return text(key).orElseThrow(() -> get(key).invalid("is required"));
    }

    /** YAML 1.1 booleans, as Go's yaml.v2 reads them ({@code yes}, {@code on}, {@code true} …). */
    boolean bool(String key, boolean defaultValue) {
        ConfigNode child = get(key);
        return child.text().map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "on" -> true;
            case "false", "no", "n", "off" -> false;
            default -> throw child.invalid("must be true or false, not '" + value + "'");
        }).orElse(defaultValue);
    }

    int integer(String key, int defaultValue) {
        ConfigNode child = get(key);
        return child.text().map(value -> {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw child.invalid("must be a whole number, not '" + value + "'");
            }
        }).orElse(defaultValue);
    }

    /**
     * A Go {@code time.Duration}: {@code 300ms}, {@code 1h30m}. A bare number is nanoseconds,
     * as distribution reads it; since that is rarely what was meant, it is also a warning.
     */
    Duration duration(String key, Duration defaultValue) {
        ConfigNode child = get(key);
        Optional<String> text = child.text();
        if (text.isEmpty()) {
            return defaultValue;
        }
        String value = text.get().trim();
        if (value.matches("-?\\d+")) {
            Duration nanos = Duration.ofNanos(Long.parseLong(value));
            if (!nanos.isZero()) {
                warnings.add(child.path + ": '" + value + "' without a unit is " + value
                        + " nanoseconds, as in distribution; write it with a unit such as 30s");
            }
            return nanos;
        }
        return DriverParameters.parseDuration(value).orElseThrow(
                () -> child.invalid("must be a duration such as 300ms, 30s or 1h30m, not '" + value + "'"));
    }

    List<String> strings(String key) {
        return get(key).elements().stream().flatMap(element -> element.text().stream()).toList();
    }

    Optional<Path> file(String key) {
        return text(key).map(Path::of);
    }

    /** An absolute URL such as {@code https://registry.example.com}. */
    Optional<URI> url(String key) {
        ConfigNode child = get(key);
        return child.text().map(value -> {
            try {
                URI uri = new URI(value);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw child.invalid("must be an absolute URL with scheme and host, not '" + value + "'");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw child.invalid("is not a URL: " + e.getMessage());
            }
        });
    }

    /** Go's {@code http.Header}: names to lists of values, in file order. */
    Map<String, List<String>> headers(String key) {
        ConfigNode child = get(key);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : child.keys()) {
            headers.put(name, child.strings(name));
        }
        return headers;
    }

    /**
     * A free parameter map ({@code map[string]interface{}}) as strings: scalars as written,
     * nested lists and mappings as JSON text for the consumer to read (GCS credentials, for one).
     */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String key : keys()) {
            JsonNode value = node.get(key);
            if (value.isNull()) {
                continue;
            }
            parameters.put(key, value.isValueNode() ? value.asText() : value.toString());
        }
        return parameters;
    }

    void warn(String message) {
        warnings.add(message);
    }

    ConfigException invalid(String problem) {
        return new ConfigException(path + " " + problem);
    }
}
