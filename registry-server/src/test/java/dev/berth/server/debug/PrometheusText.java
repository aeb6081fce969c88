package dev.berth.server.debug;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), enough to check that a
 * scrape is well formed and to look samples up: every line is a comment, blank, or a sample
 * {@code name{label="value",…} number}; anything else is an error.
 */
final class PrometheusText {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+-?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");

    final List<Sample> samples = new ArrayList<>();
    final Map<String, String> types = new HashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("# HELP ")) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher type = TYPE.matcher(line);
                if (!type.matches()) {
                    throw new IllegalArgumentException("bad comment line: " + line);
                }
                parsed.types.put(type.group(1), type.group(2));
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                int at = 0;
                while (at < m.group(2).length()) {
                    if (!label.find(at) || label.start() != at) {
                        throw new IllegalArgumentException("bad labels: " + line);
                    }
                    labels.put(label.group(1), label.group(2));
                    at = label.end();
                }
            }
            parsed.samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3).replace("+Inf", "Infinity"))));
        }
        return parsed;
    }

    /** The value of the one sample named {@code name} whose labels include {@code labels}. */
    double value(String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " samples " + name + labels + " in the scrape");
        }
        return matching.get(0).value();
    }
}
