package dev.berth.server.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.server.metrics.CompletedRequest;
import dev.berth.server.metrics.RequestListener;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The structured access log: one line per request through SLF4J (logger
 * {@value #LOGGER_NAME}, level INFO), with distribution's field names so that log pipelines
 * built for it keep working ({@code http.request.method}, {@code http.request.uri},
 * {@code http.response.status}, {@code http.response.written}, {@code http.response.duration},
 * {@code auth.user.name}, …) plus the static {@code log.fields}.
 *
 * <p>{@code log.formatter: text} writes {@code msg="response completed" key=value …};
 * {@code json} (and {@code logstash}) writes the line as one JSON object, for a binding whose
 * pattern is the bare message. {@code log.level} above {@code info} silences the access log,
 * as it does distribution's.
 */
public final class AccessLog implements RequestListener {

    public static final String LOGGER_NAME = "dev.berth.server.access";

    /** How a line is written ({@code log.formatter}). */
    public enum Format { TEXT, JSON }

    private final Logger logger;
    private final Level threshold;
    private final Format format;
    private final Map<String, String> fields;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public AccessLog(Level threshold, Format format, Map<String, String> fields, Clock clock) {
        this(LoggerFactory.getLogger(LOGGER_NAME), threshold, format, fields, clock);
    }

    AccessLog(Logger logger, Level threshold, Format format, Map<String, String> fields, Clock clock) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        this.format = Objects.requireNonNull(format, "format");
        this.fields = new TreeMap<>(fields);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code log.formatter}: {@code text}, or {@code json}/{@code logstash}. */
    public static Format format(String formatter) {
        return formatter.equalsIgnoreCase("text") ? Format.TEXT : Format.JSON;
    }

    @Override
    public void completed(CompletedRequest request) {
        // SLF4J levels run ERROR(40) … TRACE(0): INFO lines pass when the threshold is INFO or lower.
        if (threshold.toInt() > Level.INFO.toInt() || !logger.isInfoEnabled()) {
            return;
        }
        logger.info(line(request));
    }

    String line(CompletedRequest request) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (format == Format.JSON) {
            entry.put("time", clock.instant().toString());
            entry.put("level", "info");
        }
        entry.put("msg", "response completed");
        entry.put("http.request.id", request.id());
        entry.put("http.request.method", request.method());
        entry.put("http.request.uri", request.path());
        entry.put("http.request.remoteaddr", request.remoteAddress());
        entry.put("http.request.useragent", request.userAgent());
        entry.put("http.request.contentlength", request.requestBytes());
        entry.put("http.response.status", request.status());
        entry.put("http.response.written", request.responseBytes());
        entry.put("http.response.duration", goDuration(request.duration()));
        entry.put("http.route", request.route());
        request.user().ifPresent(user -> entry.put("auth.user.name", user));
        fields.forEach(entry::putIfAbsent);
        return format == Format.JSON ? json(entry) : text(entry);
    }

    private String json(Map<String, Object> entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Map<String, Object> entry) {
        StringBuilder line = new StringBuilder();
        entry.forEach((key, value) -> {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(key).append('=').append(quoted(String.valueOf(value)));
        });
        return line.toString();
    }

    /** logrus' rule: bare when the value is a plain token, else quoted with escapes. */
    private static String quoted(String value) {
        boolean plain = !value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '=');
        if (plain) {
            return value;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < ' ' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** A duration as Go prints one: {@code 850ns}, {@code 12.5µs}, {@code 3.25ms}, {@code 1.5s}. */
    static String goDuration(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return trim(nanos / 1e3) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return trim(nanos / 1e6) + "ms";
        }
        return trim(nanos / 1e9) + "s";
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.6f", value);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
