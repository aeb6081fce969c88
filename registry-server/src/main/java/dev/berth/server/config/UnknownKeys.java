package dev.berth.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the keys of a configuration tree that distribution's types have no place for, so a
 * misspelt {@code relativeurl} is a warning naming {@code http.relativeurl} instead of a
 * setting that silently does nothing.
 */
final class UnknownKeys {

    private UnknownKeys() {
    }

    static void report(JsonNode node, Shape shape, String path, List<String> warnings) {
        if (shape instanceof Shape.Struct struct && node.isObject()) {
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                Optional<Shape.Field> field = struct.byKey(key);
                if (field.isPresent()) {
                    report(node.get(key), field.get().shape(), join(path, key), warnings);
                } else {
                    String hint = struct.fields().stream()
                            .filter(candidate -> candidate.key().equalsIgnoreCase(key))
                            .map(candidate -> " (keys are lower case: did you mean '" + join(path, candidate.key()) + "'?)")
                            .findFirst().orElse("");
                    warnings.add("unknown configuration key '" + join(path, key) + "' is ignored" + hint);
                }
            }
        } else if (shape instanceof Shape.Dictionary dictionary && node.isObject()) {
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                Optional<Shape> valueShape = dictionary.valueShape(key);
                if (valueShape.isPresent()) {
                    report(node.get(key), valueShape.get(), join(path, key), warnings);
                } else {
                    warnings.add("unknown configuration key '" + join(path, key) + "' is ignored");
                }
            }
        } else if (shape instanceof Shape.Sequence sequence && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                report(node.get(i), sequence.element(), path + "[" + i + "]", warnings);
            }
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
