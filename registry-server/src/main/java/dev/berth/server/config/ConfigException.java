package dev.berth.server.config;

/**
 * A configuration that cannot be used: unreadable YAML, a missing storage driver, a value of
 * the wrong type. The message names the key path ({@code http.draintimeout}) or the
 * environment variable that brought the value in.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
