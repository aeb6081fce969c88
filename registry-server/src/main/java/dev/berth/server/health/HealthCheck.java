package dev.berth.server.health;

/**
 * One probe of something the registry depends on. Returning normally means healthy; throwing
 * means unhealthy, and the exception's message is what {@code /debug/health} shows.
 */
@FunctionalInterface
public interface HealthCheck {

    void check() throws Exception;
}
