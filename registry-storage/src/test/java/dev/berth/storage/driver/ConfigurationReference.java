package dev.berth.storage.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The tables of {@code docs/configuration.md}, read so that tests can hold the document to the
 * code: the server's test checks the keys against the configuration schema, each driver
 * module's test checks its {@code storage.<driver>} table against what its factory reads.
 */
public final class ConfigurationReference {

    /** The statuses a key can have; the document's legend explains each. */
    public static final Set<String> STATUSES = Set.of("supported", "not yet supported", "refused");

    /** The document, seen from a driver module under registry-storage. */
    public static final Path FROM_DRIVER_MODULE = Path.of("../../docs/configuration.md");

    /** One row of a key table: the cells without their backticks. */
    public record Row(String section, String key, String defaultValue, String example, String status) {
    }

    /** One row of the environment overrides table. */
    public record Override(String variable, String value, String sets) {
    }

    private final List<Row> rows;
    private final List<Override> overrides;

    private ConfigurationReference(List<Row> rows, List<Override> overrides) {
        this.rows = List.copyOf(rows);
        this.overrides = List.copyOf(overrides);
    }

    /** Reads the document; a table row with the wrong number of cells is an error. */
    public static ConfigurationReference read(Path document) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<Override> overrides = new ArrayList<>();
        String section = "";
        String table = "";
        for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                section = line.replaceFirst("^#+\\s*", "");
                table = "";
            } else if (!line.startsWith("|")) {
                table = "";
            } else if (table.isEmpty()) {
                table = cells(line).get(0);
            } else if (!line.startsWith("|--")) {
                List<String> cells = cells(line);
                if (table.equals("Key") && cells.size() == 5) {
                    rows.add(new Row(section, cells.get(0), cells.get(1), cells.get(2), cells.get(3)));
                } else if (table.equals("Variable") && cells.size() == 3) {
                    overrides.add(new Override(cells.get(0), cells.get(1), cells.get(2)));
                } else {
                    throw new IllegalStateException("unexpected table row in section " + section + ": " + line);
                }
            }
        }
        return new ConfigurationReference(rows, overrides);
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Override> overrides() {
        return overrides;
    }

    /** The examples of the {@code storage.<driver>} table, by parameter name. */
    public Map<String, String> driverExamples(String driver) {
        String prefix = "storage." + driver + ".";
        Map<String, String> examples = new LinkedHashMap<>();
        rows.stream().filter(row -> row.key().startsWith(prefix))
                .forEach(row -> examples.put(row.key().substring(prefix.length()), row.example()));
        return examples;
    }

    /**
     * The documented parameters of {@code driver} that {@code reader} (a factory's mapping onto
     * its settings) does not read; empty when the document lists nothing the driver ignores.
     */
    public Set<String> unreadDriverParameters(String driver, Map<String, String> examples,
            Consumer<DriverParameters> reader) {
        DriverParameters parameters = DriverParameters.of(driver, examples);
        reader.accept(parameters);
        return parameters.unreadKeys();
    }

    /**
     * For a driver module's test: the {@code storage.<driver>} table of the document (seen from
     * the module's directory) lists at least {@code expectedKeys}, and {@code reader} reads all of
     * its parameters.
     */
    public static void assertDriverReadsEveryDocumentedParameter(String driver, Consumer<DriverParameters> reader,
            String... expectedKeys) throws IOException {
        ConfigurationReference reference = read(FROM_DRIVER_MODULE);
        Map<String, String> examples = reference.driverExamples(driver);
        assertThat(examples).containsKeys(expectedKeys);
        assertThat(reference.unreadDriverParameters(driver, examples, reader))
                .as("documented storage.%s parameters the driver does not read", driver).isEmpty();
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).map(ConfigurationReference::unquote).toList();
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
