package dev.berth.server.cli;

import dev.berth.server.config.LogConfig;
import java.util.Locale;

/**
 * Sets up slf4j-simple, the runnable jar's logger, from {@code log.level}. It reads its
 * settings once, when the first logger is made, so this runs before anything logs. A
 * {@code -Dorg.slf4j.simpleLogger...} given on the command line wins.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static void configure(LogConfig log) {
        setIfAbsent("defaultLogLevel", log.level().name().toLowerCase(Locale.ROOT));
        setIfAbsent("showDateTime", "true");
        setIfAbsent("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setIfAbsent("showThreadName", "false");
        setIfAbsent("showShortLogName", "true");
        if (log.level() == LogConfig.Level.INFO) {
            // The HTTP server's start and stop lines repeat Berth's "listening on" and "stopped".
            setIfAbsent("log.org.eclipse.jetty", "warn");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
