package dev.berth.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Property tests use QuickTheories, not jqwik: its maintainer asks coding agents not to use it.
class JsonTreesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void anyDocumentReadsToTheTreeAnObjectMapperBuilds() {
        qt().forAll(longs().all()).checkAssert(seed -> {
            byte[] json = document(new Random(seed), 0).getBytes(StandardCharsets.UTF_8);
            assertThat(read(json)).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(mapperTree(json));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"schemaVersion\":2,\"size\":3000000000,\"big\":123456789012345678901234567890,\"ratio\":0.5,\"e\":1e400}",
        "[1, -2147483649, 2147483647, 9223372036854775808, true, false, null, \"\\u00e9\\n\"]",
        "{\"a\":{}} trailing",
        "  ",
    })
    void numbersEdgesAndTrailingContentAgreeWithTheMapper(String text) {
        byte[] json = text.getBytes(StandardCharsets.UTF_8);
        assertThat(read(json)).isEqualTo(mapperTree(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"a\":[1,2}", "{\"a\":", "[", "{'a':1}", "{\"a\":01}"})
    void duplicateKeysAndMalformedTextAreRefused(String text) {
        assertThatThrownBy(() -> JsonTrees.read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class);
    }

    /** A random document: objects and arrays up to four deep, numbers of every size, strings with escapes. */
    private static String document(Random random, int depth) {
        int kind = random.nextInt(depth >= 4 ? 6 : 8);
        return switch (kind) {
            case 0 -> Integer.toString(random.nextInt());
            case 1 -> Long.toString(random.nextLong());
            case 2 -> random.nextLong() + "" + Math.abs(random.nextLong());
            case 3 -> Double.toString(random.nextDouble() * random.nextInt(1000));
            case 4 -> new String[] {"\"\"", "\"a b\"", "\"\\\"q\\\"\"", "\"\u00e9\\u0041\\n\""}[random.nextInt(4)];
            case 5 -> new String[] {"true", "false", "null"}[random.nextInt(3)];
            case 6 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(document(random, depth + 1)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.append("\"k").append(i).append("\":").append(document(random, depth + 1)).append(i > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
        };
    }

    private static Object read(byte[] json) {
        try {
            return JsonTrees.read(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Object mapperTree(byte[] json) {
        try {
            var tree = MAPPER.readTree(json);
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
