package dev.berth.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void sustainedRequestsAreSpacedAtTheRate() throws InterruptedException {
        RequestRateLimiter limiter = new RequestRateLimiter(10, ticker);

        for (int i = 0; i < 21; i++) {
            limiter.acquire();
        }

        assertThat(ticker.slept().toNanos()).isCloseTo(Duration.ofSeconds(2).toNanos(), within(1_000L));
    }

    @Test
    void afterIdleTimeUpToOneSecondOfRequestsGoesThroughAtOnce() throws InterruptedException {
        RequestRateLimiter limiter = new RequestRateLimiter(10, ticker);
        ticker.advance(Duration.ofMinutes(1));

        for (int i = 0; i < 10; i++) {
            limiter.acquire();
        }
        assertThat(ticker.slept()).isZero();
        limiter.acquire();
        assertThat(ticker.slept().toNanos()).isCloseTo(Duration.ofMillis(100).toNanos(), within(1_000L));
    }

    @Test
    void callersArrivingTogetherAreQueuedInOrder() {
        RequestRateLimiter limiter = new RequestRateLimiter(4, ticker);

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isCloseTo(Duration.ofMillis(250).toNanos(), within(1_000L));
        assertThat(limiter.reserve()).isCloseTo(Duration.ofMillis(500).toNanos(), within(1_000L));
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new RequestRateLimiter(0, ticker)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestRateLimiter(Double.NaN, ticker)).isInstanceOf(IllegalArgumentException.class);
    }
}
