package dev.berth.gc.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When a scheduled collection runs: once a week at a set time, or every day when {@code day}
 * is empty. Written either as {@code Sunday 04:05} / {@code daily 02:30}, or as the crontab
 * line of GitLab's guide, {@code 5 4 * * 0} (minute, hour, any day of month, any month, one day
 * of the week or {@code *}).
 */
public record WeeklySchedule(Optional<DayOfWeek> day, LocalTime time) {

    public WeeklySchedule {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(time, "time");
    }

    public static WeeklySchedule parse(String text) {
        String[] parts = text.trim().split("\\s+");
        try {
            if (parts.length == 5) {
                return cron(parts);
            }
            if (parts.length == 2) {
                Optional<DayOfWeek> day = parts[0].equalsIgnoreCase("daily")
                        ? Optional.empty()
                        : Optional.of(DayOfWeek.valueOf(parts[0].toUpperCase(Locale.ROOT)));
                return new WeeklySchedule(day, LocalTime.parse(parts[1].length() == 4 ? "0" + parts[1] : parts[1]));
            }
        } catch (RuntimeException e) {
            throw invalid(text, e);
        }
        throw invalid(text, null);
    }

    private static WeeklySchedule cron(String[] fields) {
        if (!fields[2].equals("*") || !fields[3].equals("*")) {
            throw new IllegalArgumentException("only weekly or daily schedules: day of month and month must be *");
        }
        LocalTime time = LocalTime.of(Integer.parseInt(fields[1]), Integer.parseInt(fields[0]));
        if (fields[4].equals("*")) {
            return new WeeklySchedule(Optional.empty(), time);
        }
        int dow = Integer.parseInt(fields[4]);
        if (dow < 0 || dow > 7) {
            throw new IllegalArgumentException("day of week must be 0-7");
        }
        // cron counts Sunday as 0 (and 7); java.time as 7.
        return new WeeklySchedule(Optional.of(DayOfWeek.of(dow == 0 ? 7 : dow)), time);
    }

    private static IllegalArgumentException invalid(String text, Throwable cause) {
        return new IllegalArgumentException("invalid schedule '" + text
                + "': write it like 'Sunday 04:05', 'daily 02:30' or '5 4 * * 0'", cause);
    }

    /** The first run strictly after {@code now}, in {@code now}'s zone. */
    public ZonedDateTime next(ZonedDateTime now) {
        ZonedDateTime candidate = now.with(time).truncatedTo(ChronoUnit.MINUTES);
        if (day.isPresent()) {
            candidate = candidate.with(TemporalAdjusters.nextOrSame(day.get()));
            if (!candidate.isAfter(now)) {
                candidate = candidate.plusWeeks(1).with(time);
            }
        } else if (!candidate.isAfter(now)) {
            candidate = candidate.plusDays(1).with(time);
        }
        return candidate;
    }

    @Override
    public String toString() {
        return day.map(d -> d.getDisplayName(TextStyle.FULL, Locale.ROOT)).orElse("daily") + " " + time;
    }
}
