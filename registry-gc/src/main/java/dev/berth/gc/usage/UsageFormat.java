package dev.berth.gc.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code berth usage} prints a report: an aligned table, CSV or JSON. */
public enum UsageFormat {

    TABLE {
        @Override
        public String render(UsageReport report) {
            StringBuilder out = new StringBuilder();
            String row = "%-40s %15s %15s %8s %9s %6s%n";
            out.append(String.format(Locale.ROOT, row, "REPOSITORY", "LINKED BYTES", "EXCLUSIVE BYTES", "BLOBS",
                    "MANIFESTS", "TAGS"));
            for (UsageReport.RepositoryUsage r : report.repositories()) {
                out.append(String.format(Locale.ROOT, row, r.repository(), r.linkedBytes(), r.exclusiveBytes(),
                        r.blobs(), r.manifests(), r.tags()));
            }
            out.append(String.format(Locale.ROOT, "%nunique bytes %d (%s) in %d blobs; linked bytes %d; dedup ratio %.2f;"
                            + " bytes in storage %d (%s)%n",
                    report.uniqueBytes(), human(report.uniqueBytes()), report.blobs(), report.linkedBytes(),
                    report.dedupRatio(), report.storedBytes(), human(report.storedBytes())));
            return out.toString();
        }
    },

    CSV {
        @Override
        public String render(UsageReport report) {
            StringBuilder out = new StringBuilder("repository,linked_bytes,exclusive_bytes,blobs,manifests,tags\n");
            for (UsageReport.RepositoryUsage r : report.repositories()) {
                // Repository names cannot hold commas or quotes, so no field needs quoting.
                out.append(r.repository()).append(',').append(r.linkedBytes()).append(',')
                        .append(r.exclusiveBytes()).append(',').append(r.blobs()).append(',')
                        .append(r.manifests()).append(',').append(r.tags()).append('\n');
            }
            return out.toString();
        }
    },

    JSON {
        @Override
        public String render(UsageReport report) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("repositories", report.repositories());
            document.put("uniqueBytes", report.uniqueBytes());
            document.put("linkedBytes", report.linkedBytes());
            document.put("dedupRatio", report.dedupRatio());
            document.put("storedBytes", report.storedBytes());
            document.put("blobs", report.blobs());
            try {
                return Json.MAPPER.writeValueAsString(document) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("usage report is always serializable", e);
            }
        }
    };

    /** The report in this format, ending with a newline. */
    public abstract String render(UsageReport report);

    /** Parses {@code table}, {@code csv} or {@code json}. */
    public static UsageFormat parse(String name) {
        for (UsageFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "': use one of " + List.of("table", "csv", "json"));
    }

    /** Bytes for people: 1.5 GiB. */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : oneDecimal(value) + " " + units[unit];
    }

    /**
     * {@code value} as {@code %.1f} prints it (half up, from the shortest decimal form), without
     * a {@link java.util.Formatter}: the first one loads locale data, which the last line of
     * every {@code garbage-collect} run paid for.
     */
    public static String oneDecimal(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * The mapper, made when JSON is first rendered rather than with the enum: the first
     * {@code ObjectMapper} of a JVM initialises date formats and locale data, and
     * {@code garbage-collect} loads this class only for {@link #human}.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
