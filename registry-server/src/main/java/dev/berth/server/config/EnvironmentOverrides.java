package dev.berth.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies {@code REGISTRY_<SECTION>_<KEY>…} variables the way distribution's
 * {@code configuration/parser.go} does: variables in lexical order (so {@code REGISTRY_STORAGE}
 * comes before {@code REGISTRY_STORAGE_S3_BUCKET}); each {@code _}-separated segment names an
 * upper-cased Go field of a struct, or a key of a map (matched case-insensitively, created in
 * lower case when absent); the value is YAML, decoded as the field's type. A variable naming
 * no field is reported, as distribution logs it. Where distribution silently drops a variable
 * (a path that runs into a plain value), a warning says so instead.
 */
final class EnvironmentOverrides {

    static final String PREFIX = "REGISTRY_";

    /** Variables distribution's {@code registry} command reads itself, not as overrides. */
    private static final Set<String> NOT_OVERRIDES = Set.of("REGISTRY_CONFIGURATION_PATH");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final YamlTree yaml;
    private final List<String> warnings;

    EnvironmentOverrides(YamlTree yaml, List<String> warnings) {
        this.yaml = yaml;
        this.warnings = warnings;
    }

    /** The tree with every override of {@code environment} applied; {@code root} may be changed in place. */
    JsonNode apply(JsonNode root, Map<String, String> environment) {
        JsonNode result = root;
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(PREFIX) || NOT_OVERRIDES.contains(name)) {
                continue;
            }
            List<String> path = Arrays.asList(name.split("_", -1));
            try {
                result = overwrite(result, ConfigSchema.CONFIGURATION, name, path.subList(1, path.size()), variable.getValue());
            } catch (ConfigException e) {
                throw new ConfigException("environment variable " + name + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    private JsonNode overwrite(JsonNode current, Shape shape, String variable, List<String> path, String payload) {
        if (shape instanceof Shape.Struct struct) {
            return overwriteStruct(current, struct, variable, path, payload);
        }
        if (shape instanceof Shape.Dictionary dictionary) {
            return overwriteDictionary(current, dictionary, variable, path, payload);
        }
        if (shape instanceof Shape.Sequence sequence) {
            return overwriteSequence(current, sequence, variable, path, payload);
        }
        if (shape instanceof Shape.Anything) {
            return overwriteAnything(current, variable, path, payload);
        }
        warnings.add("ignoring environment variable " + variable + ": "
                + path.get(0).toLowerCase(Locale.ROOT) + " is below a single value, not a section");
        return current;
    }

    private JsonNode overwriteStruct(JsonNode current, Shape.Struct struct, String variable, List<String> path, String payload) {
        Optional<Shape.Field> match = struct.byEnvironmentName(path.get(0));
        if (match.isEmpty()) {
            warnings.add("ignoring unrecognized environment variable " + variable);
            return current;
        }
        Shape.Field field = match.get();
        ObjectNode object = current instanceof ObjectNode existing ? existing : NODES.objectNode();
        JsonNode value = path.size() == 1
                ? decode(payload, field.shape())
                : overwrite(object.get(field.key()), field.shape(), variable, rest(path), payload);
        object.set(field.key(), value);
        return object;
    }

    private JsonNode overwriteDictionary(JsonNode current, Shape.Dictionary dictionary, String variable,
            List<String> path, String payload) {
        ObjectNode object = current instanceof ObjectNode existing ? existing : NODES.objectNode();
        if (path.size() > 1) {
            for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (key.toUpperCase(Locale.ROOT).equals(path.get(0))) {
                    JsonNode existing = object.get(key);
                    if (existing.isNull()) {
                        break; // distribution recreates a nil entry rather than descending into it
                    }
                    object.set(key, overwrite(existing, valueShape(dictionary, key), variable, rest(path), payload));
                    return object;
                }
            }
        }
        String key = path.get(0).toLowerCase(Locale.ROOT);
        Shape valueShape = valueShape(dictionary, key);
        object.set(key, path.size() > 1
                ? overwrite(null, valueShape, variable, rest(path), payload)
                : decode(payload, valueShape));
        return object;
    }

    private JsonNode overwriteSequence(JsonNode current, Shape.Sequence sequence, String variable,
            List<String> path, String payload) {
        ArrayNode array = current instanceof ArrayNode existing ? existing : NODES.arrayNode();
        String segment = path.get(0);
        if (!segment.matches("\\d{1,9}")) {
            throw new ConfigException("non-numeric index: " + segment);
        }
        int index = Integer.parseInt(segment);
        if (index > array.size()) {
            throw new ConfigException("undefined index: " + segment + " (the list has " + array.size() + " entries)");
        }
        if (index == array.size()) {
            array.add(NullNode.getInstance());
        }
        array.set(index, path.size() == 1
                ? decode(payload, sequence.element())
                : overwrite(array.get(index), sequence.element(), variable, rest(path), payload));
        return array;
    }

    private JsonNode overwriteAnything(JsonNode current, String variable, List<String> path, String payload) {
        if (current == null || current.isNull() || current.isObject()) {
            return overwriteDictionary(current, Shape.map(Shape.ANYTHING), variable, path, payload);
        }
        if (current.isArray()) {
            return overwriteSequence(current, Shape.sequence(Shape.ANYTHING), variable, path, payload);
        }
        return overwrite(current, Shape.SCALAR, variable, path, payload);
    }

    /** The value as YAML, as distribution unmarshals it into the field. */
    private JsonNode decode(String payload, Shape shape) {
        return nameToSection(yaml.parse(payload, "the value"), shape);
    }

    /** {@code s3} where the shape says a bare name means {@code {s3: {}}}; anything else as it is. */
    static JsonNode nameToSection(JsonNode value, Shape shape) {
        if (shape instanceof Shape.Dictionary dictionary && dictionary.scalarIsName()
                && value.isTextual() && !value.asText().isEmpty()) {
            ObjectNode named = NODES.objectNode();
            named.set(value.asText(), NODES.objectNode());
            return named;
        }
        return value;
    }

    /** Applies {@link #nameToSection} to the top-level sections of a parsed file. */
    static void namesToSections(JsonNode root) {
        if (root instanceof ObjectNode object) {
            for (Shape.Field field : ConfigSchema.CONFIGURATION.fields()) {
                JsonNode value = object.get(field.key());
                if (value != null) {
                    object.set(field.key(), nameToSection(value, field.shape()));
                }
            }
        }
    }

    private static Shape valueShape(Shape.Dictionary dictionary, String key) {
        return dictionary.valueShape(key).orElse(Shape.ANYTHING);
    }

    private static List<String> rest(List<String> path) {
        return path.subList(1, path.size());
    }
}
