package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void statusesAreTheOnesDistributionAnswersWith() {
        assertThat(ErrorCode.BLOB_UNKNOWN.httpStatus()).isEqualTo(404);
        assertThat(ErrorCode.MANIFEST_BLOB_UNKNOWN.httpStatus()).isEqualTo(400);
        assertThat(ErrorCode.UNAUTHORIZED.httpStatus()).isEqualTo(401);
        assertThat(ErrorCode.DENIED.httpStatus()).isEqualTo(403);
        assertThat(ErrorCode.UNSUPPORTED.httpStatus()).isEqualTo(405);
        assertThat(ErrorCode.RANGE_INVALID.httpStatus()).isEqualTo(416);
        assertThat(ErrorCode.TOOMANYREQUESTS.httpStatus()).isEqualTo(429);
        assertThat(ErrorCode.UNAVAILABLE.httpStatus()).isEqualTo(503);
    }

    @Test
    void anExceptionCarriesCodeMessageAndDetail() {
        RegistryException e = ErrorCode.NAME_UNKNOWN.exception("repository name not known to registry", "app");
        assertThat(e.code()).isEqualTo(ErrorCode.NAME_UNKNOWN);
        assertThat(e.detail()).isEqualTo("app");
        assertThat(e.httpStatus()).isEqualTo(404);
    }
}
