package dev.berth.server.http;

import dev.berth.api.ErrorCode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a blob, {@code start} to {@code end} inclusive, as a {@code Range:
 * bytes=...} request header asks for it (RFC 9110 14.1.2). Only single ranges are served; a
 * header that is malformed or asks for several ranges is ignored and the whole blob is sent,
 * as the RFC allows.
 */
record ByteRange(long start, long end) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    long length() {
        return end - start + 1;
    }

    String contentRange(long size) {
        return "bytes " + start + "-" + end + "/" + size;
    }

    /**
     * The range {@code header} asks of a blob of {@code size} bytes: empty to send it all,
     * {@code RANGE_INVALID} (416) when no byte of it exists.
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        long start;
        long end;
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0) {
                    throw unsatisfiable(header, size);
                }
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
                if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < start) {
                    return Optional.empty();
                }
            }
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
        if (start >= size || end < start) {
            throw unsatisfiable(header, size);
        }
        return Optional.of(new ByteRange(start, end));
    }

    private static RuntimeException unsatisfiable(String header, long size) {
        return ErrorCode.RANGE_INVALID.exception("requested range not satisfiable",
                header + " of a blob of " + size + " bytes");
    }
}
