package dev.berth.server.http;

import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;

/** The switches the endpoints consult, fixed when the handler is built. */
record HandlerSettings(
        boolean deleteEnabled,
        boolean readOnly,
        boolean redirectsEnabled,
        boolean schema1Enabled,
        boolean mountWithoutFrom,
        int maxManifestBytes,
        long chunkMinLength) {

    static RegistryException deleteDisabled() {
        return ErrorCode.UNSUPPORTED.exception("The operation is unsupported.",
                "deletes are disabled: set storage.delete.enabled");
    }

    static RegistryException readOnlyMode() {
        return ErrorCode.UNSUPPORTED.exception("registry is in read-only mode", null);
    }
}
