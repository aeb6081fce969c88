package dev.berth.gc.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
        private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
                return json.writeValueAsString(document) + "\n";
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
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
