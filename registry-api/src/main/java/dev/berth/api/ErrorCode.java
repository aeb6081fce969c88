package dev.berth.api;

/**
 * The error codes of the OCI distribution spec, plus the ones distribution adds, each with the
 * HTTP status and the default message distribution answers with.
 */
public enum ErrorCode {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown"),
    MANIFEST_UNVERIFIED(400, "manifest failed signature verification"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    TAG_INVALID(400, "manifest tag did not match URI"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    UNSUPPORTED(405, "The operation is unsupported."),
    TOOMANYREQUESTS(429, "too many requests"),
    PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
    RANGE_INVALID(416, "invalid content range"),
    UNKNOWN(500, "unknown error"),
    UNAVAILABLE(503, "service unavailable");

    private final int httpStatus;
    private final String defaultMessage;

    ErrorCode(int httpStatus, String defaultMessage) {
        this.httpStatus = httpStatus;
        this.defaultMessage = defaultMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** An exception with this code and its default message. */
    public RegistryException exception() {
        return new RegistryException(this, defaultMessage, null);
    }

    /** An exception with this code, a message and a detail. */
    public RegistryException exception(String message, Object detail) {
        return new RegistryException(this, message, detail);
    }
}
