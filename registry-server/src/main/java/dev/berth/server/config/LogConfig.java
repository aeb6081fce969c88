package dev.berth.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code log} section: level (the deprecated top-level {@code loglevel} is honoured when
 * {@code log.level} is not set, default {@code info}), formatter, static fields, access log
 * switch and distribution's mail hooks.
 */
public record LogConfig(Level level, String formatter, Map<String, String> fields, boolean accessLogDisabled,
        List<Hook> hooks, boolean reportCaller) {

    /** distribution's four levels. */
    public enum Level {
        ERROR, WARN, INFO, DEBUG;

        static Level parse(String text, ConfigNode where) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "error" -> ERROR;
                case "warn" -> WARN;
                case "info" -> INFO;
                case "debug" -> DEBUG;
                default -> throw where.invalid("must be one of error, warn, info, debug, not '" + text + "'");
            };
        }

        /** The name in {@code config.yml}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A log hook ({@code log.hooks[]}); distribution ships only the {@code mail} type. */
    public record Hook(boolean disabled, String type, List<String> levels, Optional<Mail> mail) {
        public Hook {
            Objects.requireNonNull(type, "type");
            levels = List.copyOf(levels);
            Objects.requireNonNull(mail, "mail");
        }
    }

    /** The options of a mail hook. */
    public record Mail(String smtpAddr, String username, String password, boolean insecure, String from, List<String> to) {
        public Mail {
            to = List.copyOf(to);
        }
    }

    public LogConfig {
        Objects.requireNonNull(level, "level");
        if (!List.of("text", "json", "logstash").contains(formatter)) {
            throw new ConfigException("log.formatter must be text, json or logstash, not '" + formatter + "'");
        }
        fields = Map.copyOf(fields);
        hooks = List.copyOf(hooks);
    }

    static LogConfig from(ConfigNode log, ConfigNode legacyLevel) {
        ConfigNode levelNode = log.get("level").isPresent() ? log.get("level") : legacyLevel;
        Level level = levelNode.text().map(text -> Level.parse(text, levelNode)).orElse(Level.INFO);
        return new LogConfig(level,
                log.text("formatter", "text"),
                log.get("fields").parameters(),
                log.get("accesslog").bool("disabled", false),
                log.get("hooks").elements().stream().map(LogConfig::hook).toList(),
                log.bool("reportcaller", false));
    }

    private static Hook hook(ConfigNode hook) {
        ConfigNode options = hook.get("options");
        ConfigNode smtp = options.get("smtp");
        Optional<Mail> mail = options.isPresent()
                ? Optional.of(new Mail(smtp.text("addr", ""), smtp.text("username", ""), smtp.text("password", ""),
                        smtp.bool("insecure", false), options.text("from", ""), options.strings("to")))
                : Optional.empty();
        return new Hook(hook.bool("disabled", false), hook.text("type", ""), hook.strings("levels"), mail);
    }
}
