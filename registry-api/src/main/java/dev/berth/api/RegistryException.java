package dev.berth.api;

import java.util.Objects;

/**
 * The one exception of the registry: an OCI error code, a message for people and an optional
 * detail for programs (any value Jackson can write: a string, a record, a map). The HTTP layer
 * writes it as the spec's {@code {"errors":[{"code","message","detail"}]}} body with
 * {@link #httpStatus()}.
 */
public class RegistryException extends RuntimeException {

    private final ErrorCode code;
    private final transient Object detail;
    private final int httpStatus;

    public RegistryException(ErrorCode code, String message, Object detail) {
        this(code, message, detail, code.httpStatus(), null);
    }

    public RegistryException(ErrorCode code, String message, Object detail, int httpStatus, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.detail = detail;
        this.httpStatus = httpStatus;
    }

    public ErrorCode code() {
        return code;
    }

    /** The detail, or null when there is none. */
    public Object detail() {
        return detail;
    }

    /** Usually the code's status; a few cases differ (a manifest too large is 413 MANIFEST_INVALID). */
    public int httpStatus() {
        return httpStatus;
    }
}
