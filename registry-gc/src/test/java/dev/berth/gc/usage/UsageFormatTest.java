package dev.berth.gc.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Property tests use QuickTheories, not jqwik: its maintainer asks coding agents not to use it.
class UsageFormatTest {

    @Test
    void oneDecimalPrintsWhatPercentPointOneFPrintsForAnySizeOrDuration() {
        qt().forAll(doubles().between(0, 1e7)).checkAssert(value ->
                assertThat(UsageFormat.oneDecimal(value)).isEqualTo(String.format(Locale.ROOT, "%.1f", value)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.05, 0.15, 0.25, 0.95, 1.15, 1.25, 2.675, 9.95, 99.95, 1023.95, 1e-9, 123456.05})
    void halvesRoundUpAsTheFormatterRoundsThem(double value) {
        assertThat(UsageFormat.oneDecimal(value)).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
    }

    @Test
    void humanGivesWholeBytesOrOneDecimalOfALargerUnit() {
        qt().forAll(longs().between(0, Long.MAX_VALUE)).checkAssert(bytes -> {
            String human = UsageFormat.human(bytes);
            String number = human.substring(0, human.indexOf(' '));
            assertThat(number).matches(bytes < 1024 ? "\\d+" : "\\d+\\.\\d");
        });
    }
}
