package dev.berth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.storage.driver.ConfigurationReference;
import dev.berth.storage.driver.ConfigurationReference.Row;
import dev.berth.storage.driver.DriverParameters;
import dev.berth.storage.filesystem.FilesystemDriverFactory;
import dev.berth.storage.inmemory.InMemoryDriverFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds docs/configuration.md to the code, so the reference cannot drift: its keys are the
 * schema's keys, its examples parse without warnings, and its status column says what
 * {@link UnsupportedSettings} and {@link ServerAssembly} do.
 */
class ConfigurationReferenceTest {

    private static final Path DOCUMENT = Path.of("../docs/configuration.md");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String NOT_YET_SUPPORTED = "not yet supported";

    private static ConfigurationReference reference;
    private static List<String> schemaLeaves;

    @BeforeAll
    static void readDocument() throws IOException {
        reference = ConfigurationReference.read(DOCUMENT);
        schemaLeaves = ConfigSchema.leafKeys(ConfigSchema.CONFIGURATION, "");
    }

    @Test
    void everyDocumentedKeyIsALeafOfTheSchema() {
        assertThat(reference.rows()).isNotEmpty();
        assertThat(reference.rows().stream().map(Row::key)
                .filter(key -> schemaLeaves.stream().noneMatch(leaf -> key.matches(pattern(leaf)))))
                .as("documented keys that the schema does not know").isEmpty();
    }

    @Test
    void everyLeafOfTheSchemaIsDocumented() {
        assertThat(schemaLeaves.stream()
                .filter(leaf -> reference.rows().stream().noneMatch(row -> row.key().matches(pattern(leaf)))))
                .as("keys of the schema missing from the document").isEmpty();
    }

    @Test
    void everyStatusIsOneTheLegendExplains() {
        assertThat(reference.rows()).allSatisfy(row ->
                assertThat(ConfigurationReference.STATUSES).as(row.key()).contains(row.status()));
    }

    @Test
    void eachSectionsExamplesParseWithoutWarnings() {
        assertThat(sections().entrySet().stream()
                .flatMap(section -> configOf(section.getKey(), section.getValue()).warnings().stream()))
                .as("warnings for the examples").isEmpty();
    }

    @Test
    void keysDocumentedAsNotYetSupportedAreExactlyTheOnesTheServerReports() {
        List<String> disagreeing = sections().entrySet().stream().flatMap(section -> {
            List<String> reported = UnsupportedSettings.of(configOf(section.getKey(), section.getValue())).stream()
                    .map(note -> note.substring(0, note.indexOf(" is not yet supported")).split(" ")[0])
                    .toList();
            return section.getValue().stream()
                    .filter(row -> reported.stream().anyMatch(setting -> covers(setting, row.key()))
                            != row.status().equals(NOT_YET_SUPPORTED))
                    .map(row -> row.key() + " is documented as " + row.status() + ", the server reports " + reported);
        }).toList();
        assertThat(disagreeing).isEmpty();
    }

    @Test
    void sectionsDocumentedAsRefusedStopTheServerFromStarting() {
        Map<String, List<Row>> refused = sections().entrySet().stream()
                .filter(section -> section.getValue().stream().anyMatch(row -> row.status().equals("refused")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(refused).isNotEmpty();
        refused.forEach((section, rows) -> assertThatThrownBy(
                () -> ServerAssembly.builder(configOf(section, rows)).build().start().close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(section));
    }

    @Test
    void theFilesystemAndInmemoryDriversReadEveryDocumentedParameter(@TempDir Path root) {
        Map<String, String> filesystem = new LinkedHashMap<>(reference.driverExamples("filesystem"));
        assertThat(filesystem).containsKey("rootdirectory");
        filesystem.put("rootdirectory", root.toString());
        assertThat(reference.unreadDriverParameters("filesystem", filesystem,
                parameters -> closeQuietly(new FilesystemDriverFactory(), parameters))).isEmpty();
        assertThat(reference.unreadDriverParameters("inmemory", reference.driverExamples("inmemory"),
                parameters -> closeQuietly(new InMemoryDriverFactory(), parameters))).isEmpty();
    }

    @Test
    void theEnvironmentOverrideExamplesApplyWithoutWarnings() {
        assertThat(reference.overrides()).isNotEmpty();
        assertThat(reference.overrides()).allSatisfy(override -> assertThat(
                RegistryConfig.defaults(Map.of(override.variable(), override.value())).warnings())
                .as(override.variable()).isEmpty());
    }

    @Test
    void anEnvironmentOverrideSetsTheKeyItsRowNames() {
        RegistryConfig config = RegistryConfig.defaults(Map.of("REGISTRY_HTTP_ADDR", ":5001"));
        assertThat(reference.overrides()).anySatisfy(override -> {
            assertThat(override.variable()).isEqualTo("REGISTRY_HTTP_ADDR");
            assertThat(override.sets()).isEqualTo("http.addr");
            assertThat(override.value()).isEqualTo(config.http().addr());
        });
    }

    /** The rows by section (table), in the document's order. */
    private static Map<String, List<Row>> sections() {
        return reference.rows().stream().collect(Collectors.groupingBy(Row::section, LinkedHashMap::new, Collectors.toList()));
    }

    /** A configuration setting every key of the section to its example, with an inmemory driver unless the section names one. */
    private static RegistryConfig configOf(String section, List<Row> rows) {
        ObjectNode root = YAML.createObjectNode();
        root.put("version", RegistryConfig.VERSION);
        for (Row row : rows) {
            set(root, row.key(), example(row));
        }
        ObjectNode storage = root.withObjectProperty("storage");
        if (storage.properties().stream().allMatch(entry -> StorageConfig.NOT_DRIVERS.contains(entry.getKey()))) {
            storage.putObject("inmemory");
        }
        try {
            return RegistryConfig.parse(YAML.writeValueAsString(root), "the examples of section " + section, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode example(Row row) {
        try {
            return YAML.readTree(row.example());
        } catch (IOException e) {
            throw new IllegalStateException("the example of " + row.key() + " is not YAML: " + row.example(), e);
        }
    }

    /** Sets a dotted key; {@code a[]} is the first entry of list {@code a}, {@code <name>} a key named {@code example}. */
    private static void set(ObjectNode root, String key, JsonNode value) {
        ObjectNode node = root;
        String[] parts = key.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i].replace("<name>", "example");
            if (part.endsWith("[]")) {
                ArrayNode list = node.withArrayProperty(part.substring(0, part.length() - 2));
                node = list.isEmpty() ? list.addObject() : (ObjectNode) list.get(0);
            } else {
                node = node.withObjectProperty(part);
            }
        }
        node.set(parts[parts.length - 1].replace("<name>", "example"), value);
    }

    private static boolean covers(String setting, String key) {
        return key.equals(setting) || key.startsWith(setting + ".") || key.startsWith(setting + "[");
    }

    /** The schema's leaf as a pattern over documented keys: {@code <name>} stands for any one key. */
    private static String pattern(String leaf) {
        return Pattern.quote(leaf).replace("<name>", "\\E[^.\\[\\]]+\\Q");
    }

    private static void closeQuietly(dev.berth.storage.driver.StorageDriverFactory factory, DriverParameters parameters) {
        try {
            factory.create(parameters).close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
