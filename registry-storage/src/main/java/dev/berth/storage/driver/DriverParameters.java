package dev.berth.storage.driver;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one driver section of {@code config.yml} ({@code storage.s3.bucket} …),
 * with distribution's names. Values arrive as strings (YAML scalars and {@code REGISTRY_*}
 * environment overrides look alike), and each typed getter parses and names the key when a
 * value is wrong. Keys are case-insensitive, as in distribution. The getters record what was
 * read, so a factory can report the keys it did not understand.
 */
public final class DriverParameters {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private final String driver;
    private final Map<String, String> values;
    private final Set<String> read = Collections.synchronizedSet(new TreeSet<>());

    private DriverParameters(String driver, Map<String, String> values) {
        this.driver = driver;
        this.values = values;
    }

    /** Parameters for {@code driver}; keys are folded to lower case. */
    public static DriverParameters of(String driver, Map<String, String> values) {
        Map<String, String> folded = new LinkedHashMap<>();
        values.forEach((key, value) -> folded.put(key.toLowerCase(Locale.ROOT), value));
        return new DriverParameters(driver, Collections.unmodifiableMap(folded));
    }

    public String driver() {
        return driver;
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> string(String key) {
        String folded = key.toLowerCase(Locale.ROOT);
        read.add(folded);
        String value = values.get(folded);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    public String required(String key) {
        return string(key).orElseThrow(() -> invalid(key, "is required"));
    }

    public boolean bool(String key, boolean defaultValue) {
        return string(key).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, "must be true or false, not '" + value + "'");
        }).orElse(defaultValue);
    }

    public long number(String key, long defaultValue) {
        return string(key).map(value -> {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw invalid(key, "must be a whole number, not '" + value + "'");
            }
        }).orElse(defaultValue);
    }

    /** A byte size: a plain number, or with a unit ({@code 10MiB}, {@code 5m}, {@code 1GB}; binary units throughout). */
    public long bytes(String key, long defaultValue) {
        return string(key).map(value -> {
            Matcher matcher = SIZE.matcher(value.trim());
            if (!matcher.matches()) {
                throw invalid(key, "must be a size such as 10485760 or 10MiB, not '" + value + "'");
            }
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
            int shift = switch (unit.charAt(0)) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                case 't' -> 40;
                default -> 0;
            };
            return amount << shift;
        }).orElse(defaultValue);
    }

    /** A duration in Go's notation ({@code 300ms}, {@code 1h30m}) or a bare number of seconds. */
    public Duration duration(String key, Duration defaultValue) {
        return string(key).map(value -> parseDuration(value).orElseThrow(
                () -> invalid(key, "must be a duration such as 30s or 1h, not '" + value + "'")))
                .orElse(defaultValue);
    }

    /** The keys given that no getter has asked for: misspellings and unsupported options. */
    public Set<String> unreadKeys() {
        Set<String> unread = new TreeSet<>(values.keySet());
        unread.removeAll(read);
        return unread;
    }

    /** Parses Go's duration notation, which distribution's config uses everywhere. */
    public static Optional<Duration> parseDuration(String text) {
        String value = text.trim();
        if (value.matches("\\d+")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        Matcher matcher = DURATION.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double amount = Double.parseDouble(matcher.group(1));
            long nanosPerUnit = switch (matcher.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.plusNanos(Math.round(amount * nanosPerUnit));
            end = matcher.end();
        }
        return end == value.length() && end > 0 ? Optional.of(total) : Optional.empty();
    }

    private IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException("storage." + driver + "." + key + " " + problem);
    }

    @Override
    public String toString() {
        return driver + values.keySet();
    }
}
