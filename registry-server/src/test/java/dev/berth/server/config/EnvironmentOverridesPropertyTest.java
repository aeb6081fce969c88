package dev.berth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A setting given as {@code REGISTRY_*} variable means exactly what it means written in the
 * file, for any mix of settings and values.
 *
 * <p>Property tests here use QuickTheories, not jqwik: jqwik's maintainer asks coding agents
 * not to use it, and we respect that.
 */
class EnvironmentOverridesPropertyTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static final String BASE = """
            version: 0.1
            storage:
              filesystem:
                rootdirectory: /base
            http:
              addr: :5000
            """;

    /** One setting: where it sits in the file, the variable that overrides it, and values it may take. */
    record Setting(String path, String variable, Gen<String> values) {
    }

    record Assignment(Setting setting, String value) {
        @Override
        public String toString() {
            return setting.variable() + "=" + value;
        }
    }

    private static final Gen<String> WORDS = strings().basicLatinAlphabet().ofLengthBetween(1, 12)
            .map(text -> text.replaceAll("[^A-Za-z0-9]", "x"));
    private static final Gen<String> BOOLEANS = booleans().all().map((Boolean b) -> String.valueOf(b));

    private static final List<Setting> SETTINGS = List.of(
            new Setting("http.addr", "REGISTRY_HTTP_ADDR", integers().between(0, 65535).map(port -> "127.0.0.1:" + port)),
            new Setting("http.secret", "REGISTRY_HTTP_SECRET", WORDS),
            new Setting("http.host", "REGISTRY_HTTP_HOST", WORDS.map(host -> "https://" + host + ".example")),
            new Setting("http.prefix", "REGISTRY_HTTP_PREFIX", WORDS.map(prefix -> "/" + prefix)),
            new Setting("http.relativeurls", "REGISTRY_HTTP_RELATIVEURLS", BOOLEANS),
            new Setting("http.draintimeout", "REGISTRY_HTTP_DRAINTIMEOUT", integers().between(1, 600).map(s -> s + "s")),
            new Setting("log.level", "REGISTRY_LOG_LEVEL", Generate.pick(List.of("error", "warn", "info", "debug"))),
            new Setting("log.accesslog.disabled", "REGISTRY_LOG_ACCESSLOG_DISABLED", BOOLEANS),
            new Setting("storage.filesystem.rootdirectory", "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY",
                    WORDS.map(dir -> "/data/" + dir)),
            new Setting("storage.delete.enabled", "REGISTRY_STORAGE_DELETE_ENABLED", BOOLEANS),
            new Setting("storage.redirect.disable", "REGISTRY_STORAGE_REDIRECT_DISABLE", BOOLEANS),
            new Setting("storage.maintenance.readonly.enabled", "REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED", BOOLEANS),
            new Setting("storage.maintenance.uploadpurging.age", "REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_AGE",
                    integers().between(1, 1000).map(h -> h + "h")),
            new Setting("notifications.events.includereferences", "REGISTRY_NOTIFICATIONS_EVENTCONFIG_INCLUDEREFERENCES",
                    BOOLEANS),
            new Setting("compatibility.schema1.enabled", "REGISTRY_COMPATIBILITY_SCHEMA1_ENABLED", BOOLEANS),
            new Setting("catalog.maxentries", "REGISTRY_CATALOG_MAXENTRIES", integers().between(1, 5000).map((Integer n) -> String.valueOf(n))));

    private static final Gen<Assignment> ASSIGNMENTS = integers().between(0, SETTINGS.size() - 1)
            .flatMap(index -> SETTINGS.get(index).values().map(value -> new Assignment(SETTINGS.get(index), value)));

    @Test
    void anyMixOfSettingsMeansTheSameInTheFileAndInTheEnvironment() {
        qt().withExamples(300).forAll(lists().of(ASSIGNMENTS).ofSizeBetween(1, 6)).checkAssert(assignments -> {
            Map<String, String> environment = new LinkedHashMap<>();
            ObjectNode file = (ObjectNode) parseYaml(BASE);
            for (Assignment assignment : assignments) {
                environment.put(assignment.setting().variable(), assignment.value());
                set(file, assignment.setting().path(), assignment.value());
            }

            RegistryConfig fromFile = RegistryConfig.parse(writeYaml(file), "file", Map.of());
            RegistryConfig fromEnvironment = RegistryConfig.parse(BASE, "base", environment);

            assertThat(fromEnvironment.warnings()).isEmpty();
            assertThat(fromEnvironment).usingRecursiveComparison().isEqualTo(fromFile);
        });
    }

    /** Sets {@code a.b.c} in the tree, making the sections on the way; the last write wins, as with variables. */
    private static void set(ObjectNode root, String path, String value) {
        String[] keys = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(keys[i]);
        }
        node.put(keys[keys.length - 1], value);
    }

    private static JsonNode parseYaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String writeYaml(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
