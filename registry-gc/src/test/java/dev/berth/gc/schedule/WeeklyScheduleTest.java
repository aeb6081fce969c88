package dev.berth.gc.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WeeklyScheduleTest {

    private static final ZonedDateTime WEDNESDAY_NOON = ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void gitLabsCronLineMeansSundayAtFourOhFive() {
        assertThat(WeeklySchedule.parse("5 4 * * 0"))
                .isEqualTo(new WeeklySchedule(Optional.of(DayOfWeek.SUNDAY), LocalTime.of(4, 5)))
                .isEqualTo(WeeklySchedule.parse("5 4 * * 7"))
                .isEqualTo(WeeklySchedule.parse("Sunday 04:05"))
                .isEqualTo(WeeklySchedule.parse("sunday 4:05"));
    }

    @Test
    void nextWeeklyRunIsTheComingSundayAndAWeekLaterOnceItHasPassed() {
        WeeklySchedule sunday = WeeklySchedule.parse("Sunday 04:05");

        ZonedDateTime next = sunday.next(WEDNESDAY_NOON);

        assertThat(next).isEqualTo(ZonedDateTime.of(2026, 11, 29, 4, 5, 0, 0, ZoneOffset.UTC));
        assertThat(sunday.next(next)).isEqualTo(next.plusWeeks(1));
        assertThat(sunday.next(next.minusSeconds(1))).isEqualTo(next);
    }

    @Test
    void dailyScheduleRunsTodayIfTheTimeIsStillAheadElseTomorrow() {
        assertThat(WeeklySchedule.parse("daily 13:00").next(WEDNESDAY_NOON)).isEqualTo(WEDNESDAY_NOON.plusHours(1));
        assertThat(WeeklySchedule.parse("0 2 * * *").next(WEDNESDAY_NOON))
                .isEqualTo(WEDNESDAY_NOON.plusDays(1).withHour(2));
    }

    @Test
    void schedulesThatAreNotWeeklyOrDailyAreRefusedWithAHint() {
        assertThatThrownBy(() -> WeeklySchedule.parse("5 4 1 * *")).hasMessageContaining("Sunday 04:05");
        assertThatThrownBy(() -> WeeklySchedule.parse("Someday 04:05")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeeklySchedule.parse("5 4 * * 9")).isInstanceOf(IllegalArgumentException.class);
    }
}
