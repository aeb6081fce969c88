package dev.berth.server.health;

import dev.berth.api.ErrorCode;
import dev.berth.server.http.HttpResponse;
import dev.berth.server.http.Interceptor;
import java.io.IOException;
import java.util.Objects;

/**
 * Answers every API request with 503 {@code UNAVAILABLE} while a health check fails past its
 * threshold, as distribution's health handler does, so that a load balancer takes the node out
 * of rotation; {@code /debug/health} on the debug server says which check.
 */
public final class HealthGate implements Interceptor {

    private final HealthChecks checks;

    public HealthGate(HealthChecks checks) {
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    @Override
    public HttpResponse intercept(Chain chain) throws IOException {
        if (!checks.healthy()) {
            throw ErrorCode.UNAVAILABLE.exception(ErrorCode.UNAVAILABLE.defaultMessage(),
                    "health check failed: please see /debug/health");
        }
        return chain.proceed(chain.request());
    }
}
