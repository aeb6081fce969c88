package dev.berth.server.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of distribution's Go configuration types, as far as YAML keys and environment
 * overrides can see it. A Go struct matches environment path segments against its field
 * names and ignores what it does not know; a Go map takes any key, so an override creates
 * it. That difference decides what {@code REGISTRY_A_B_C} does, so it is kept here, once.
 */
sealed interface Shape {

    /** A scalar field: string, bool, int or duration. */
    record Scalar() implements Shape {
    }

    /** {@code interface{}}: whatever the YAML holds (driver and middleware parameters). */
    record Anything() implements Shape {
    }

    /** A Go slice. */
    record Sequence(Shape element) implements Shape {
    }

    /** A Go struct: fixed fields, matched by the upper-cased Go field name in environment paths. */
    record Struct(List<Field> fields) implements Shape {

        public Struct {
            fields = List.copyOf(fields);
        }

        Optional<Field> byKey(String key) {
            return fields.stream().filter(field -> field.key().equals(key)).findFirst();
        }

        Optional<Field> byEnvironmentName(String segment) {
            return fields.stream().filter(field -> field.goName().toUpperCase(Locale.ROOT).equals(segment)).findFirst();
        }
    }

    /** A struct field: its YAML key and, where it differs, its Go name. */
    record Field(String key, String goName, Shape shape) {
    }

    /**
     * A Go map with string keys. {@code known} lists the keys Berth understands with their
     * shapes; {@code others} is the shape of any other key, or empty when another key is a
     * mistake worth a warning. {@code scalarIsName}: a bare string {@code s3} means
     * {@code {s3: {}}}, as distribution's {@code Storage} and {@code Auth} types decode it.
     */
    record Dictionary(Map<String, Shape> known, Optional<Shape> others, boolean scalarIsName) implements Shape {

        public Dictionary {
            known = Map.copyOf(known);
        }

        Optional<Shape> valueShape(String key) {
            Shape shape = known.get(key.toLowerCase(Locale.ROOT));
            return shape != null ? Optional.of(shape) : others;
        }
    }

    Shape SCALAR = new Scalar();
    Shape ANYTHING = new Anything();

    static Struct struct(Field... fields) {
        return new Struct(Arrays.asList(fields));
    }

    /** A struct of scalar fields whose Go names equal their keys. */
    static Struct scalars(String... keys) {
        return new Struct(Arrays.stream(keys).map(key -> field(key, SCALAR)).toList());
    }

    static Field field(String key, Shape shape) {
        return new Field(key, key, shape);
    }

    static Field field(String key) {
        return field(key, SCALAR);
    }

    static Field renamed(String key, String goName, Shape shape) {
        return new Field(key, goName, shape);
    }

    static Sequence sequence(Shape element) {
        return new Sequence(element);
    }

    /** A free map: any key, values of one shape. */
    static Dictionary map(Shape values) {
        return new Dictionary(Map.of(), Optional.of(values), false);
    }

    /** A parameters map of which these scalar keys are known. */
    static Dictionary parameters(String... keys) {
        Map<String, Shape> known = new LinkedHashMap<>();
        for (String key : keys) {
            known.put(key, SCALAR);
        }
        return new Dictionary(known, Optional.empty(), false);
    }
}
