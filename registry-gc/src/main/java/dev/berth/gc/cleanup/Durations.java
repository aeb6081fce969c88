package dev.berth.gc.cleanup;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ages a cleanup policy is written with: {@code 90d}, {@code 2w}, {@code 12h}, {@code 30m}, {@code 14 days}. */
final class Durations {

    private static final Pattern AGE = Pattern.compile(
            "(\\d+)\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)");

    private Durations() {
    }

    static Duration parse(String text) {
        Matcher matcher = AGE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid age '" + text + "': write it like 7d, 14d, 90d, 12h or 2w");
        }
        long n = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).charAt(0)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
