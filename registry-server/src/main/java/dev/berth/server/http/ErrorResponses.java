package dev.berth.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that writes the spec's error body,
 * {@code {"errors":[{"code","message","detail"}]}}, with the status that goes with it.
 */
final class ErrorResponses {


    private ErrorResponses() {
    }

    static HttpResponse of(RegistryException e, RouteInfo route) {
        return of(e, HttpHeaders.builder(), route);
    }

    /** The error as a response, with {@code headers} (a challenge, a {@code Range}) added. */
    static HttpResponse of(RegistryException e, HttpHeaders.Builder headers, RouteInfo route) {
        headers.set("Content-Type", "application/json; charset=utf-8");
        return new HttpResponse(e.httpStatus(), headers.build(), ResponseBody.of(body(e)), route);
    }

    static byte[] body(RegistryException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code().name());
        error.put("message", e.getMessage() == null ? e.code().defaultMessage() : e.getMessage());
        if (e.detail() != null) {
            error.put("detail", e.detail());
        }
        List<Object> errors = new ArrayList<>(1);
        errors.add(error);
        try {
            return Json.mapper().writeValueAsBytes(Map.of("errors", errors));
        } catch (JsonProcessingException unwritableDetail) {
            // A detail Jackson cannot write must not turn an error into a worse one: drop it.
            error.remove("detail");
            try {
                return Json.mapper().writeValueAsBytes(Map.of("errors", errors));
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException("a map of strings is always writable", impossible);
            }
        }
    }

    /** An error of {@code code} answered with another status than its own (413, 404, ...). */
    static RegistryException withStatus(ErrorCode code, String message, Object detail, int status) {
        return new RegistryException(code, message, detail, status, null);
    }
}
