package dev.berth.server.http;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.BlobUploads;
import dev.berth.server.http.UploadStateCodec.UploadState;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upload endpoints: POST {@code /v2/<name>/blobs/uploads/} (end-4a, end-4b, end-11) and
 * PATCH, PUT, GET, DELETE on the upload URL (end-5, end-6, end-13). Every upload URL carries
 * a sealed {@code _state}; the upload itself lives in storage, so any node can continue it.
 */
final class UploadEndpoints {

    /** What a storage upload id may look like: checked before the id reaches storage. */
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d{1,19})-(\\d{1,19})(?:/(?:\\d{1,19}|\\*))?");

    private final HandlerSettings settings;
    private final UploadStateCodec codec;
    private final Urls urls;
    private final AccessGate access;

    UploadEndpoints(HandlerSettings settings, UploadStateCodec codec, Urls urls, AccessGate access) {
        this.settings = settings;
        this.codec = codec;
        this.urls = urls;
        this.access = access;
    }

    HttpResponse start(Call call) {
        BlobUploads uploads = call.repository().uploads();
        Optional<String> mount = call.request().queryParameter("mount");
        if (mount.isPresent()) {
            Optional<Descriptor> mounted = mount(call, Digest.parse(mount.get()));
            if (mounted.isPresent()) {
                return created(call, mounted.get().digest());
            }
        }
        Optional<String> digest = call.request().queryParameter("digest");
        if (digest.isPresent() && mount.isEmpty()) {
            Digest expected = Digest.parse(digest.get());
            BlobUpload upload = uploads.start();
            commit(upload, call, expected, 0);
            return created(call, expected);
        }
        call.request().queryParameter("digest-algorithm").ifPresent(UploadEndpoints::algorithm);
        BlobUpload upload = uploads.start();
        HttpHeaders.Builder headers = progress(call, upload, 0);
        if (settings.chunkMinLength() > 0) {
            headers.set("OCI-Chunk-Min-Length", Long.toString(settings.chunkMinLength()));
        }
        return call.respond(202, headers);
    }

    HttpResponse patch(Call call) {
        BlobUpload upload = resume(call, true);
        long size = upload.size();
        long newSize = upload.append(chunk(call, upload, size), size);
        return call.respond(202, progress(call, upload, newSize));
    }

    HttpResponse put(Call call) {
        BlobUpload upload = resume(call, true);
        String digest = call.request().queryParameter("digest")
                .orElseThrow(() -> ErrorCode.DIGEST_INVALID.exception("digest missing", "PUT needs ?digest="));
        Digest expected;
        try {
            expected = Digest.parse(digest);
        } catch (RegistryException e) {
            cancelQuietly(upload);
            throw e;
        }
        commit(upload, call, expected, upload.size());
        return created(call, expected);
    }

    HttpResponse status(Call call) {
        BlobUpload upload = resume(call, false);
        return call.respond(204, progress(call, upload, upload.size()));
    }

    HttpResponse cancel(Call call) {
        BlobUpload upload = resume(call, false);
        upload.cancel();
        return call.respond(204, HttpHeaders.builder());
    }

    /** Appends the final chunk, if the request has one, and commits; a failed commit cancels the upload. */
    private void commit(BlobUpload upload, Call call, Digest expected, long size) {
        try {
            if (hasBody(call.request())) {
                upload.append(chunk(call, upload, size), size);
            }
            upload.commit(expected, OptionalLong.empty());
        } catch (RuntimeException e) {
            // As distribution does: a failed completion leaves no half-upload behind.
            cancelQuietly(upload);
            throw e;
        }
    }

    private Optional<Descriptor> mount(Call call, Digest digest) {
        Optional<String> fromParameter = call.request().queryParameter("from").filter(from -> !from.isEmpty());
        if (fromParameter.isEmpty()) {
            return settings.mountWithoutFrom()
                    ? call.repository().uploads().mount(digest, Optional.empty())
                    : Optional.empty();
        }
        RepositoryName from = RepositoryName.parse(fromParameter.get());
        // Without pull on the source the spec lets us fall back to a plain upload, and that
        // tells the client nothing about what the source holds.
        if (!access.allows(AccessScopes.pull(from), call.request())) {
            return Optional.empty();
        }
        return call.repository().uploads().mount(digest, Optional.of(from));
    }

    private BlobUpload resume(Call call, boolean checkOffset) {
        String id = call.route().argument();
        if (!UPLOAD_ID.matcher(id).matches()) {
            throw ErrorCode.BLOB_UPLOAD_UNKNOWN.exception("blob upload unknown to registry", id);
        }
        UploadState state = codec.open(call.request().queryParameter("_state").orElse(null), call.name(), id);
        BlobUpload upload = call.repository().uploads().resume(id);
        if (checkOffset && state.offset() != upload.size()) {
            // A Location from an earlier step: tell the client where the upload really is.
            throw rangeInvalid(call, upload, "upload is at " + upload.size() + ", _state says " + state.offset());
        }
        return upload;
    }

    /** The request body, capped at the length the request declares. */
    private InputStream chunk(Call call, BlobUpload upload, long size) {
        OptionalLong declared = declaredLength(call, upload, size);
        InputStream body = call.request().body();
        return declared.isPresent() ? Streams.limit(body, declared.getAsLong()) : body;
    }

    /**
     * The chunk length the request declares, checking a {@code Content-Range} starts where the
     * upload is (else 416, as chunks must arrive in order) and agrees with {@code Content-Length}.
     */
    private OptionalLong declaredLength(Call call, BlobUpload upload, long size) {
        OptionalLong contentLength = contentLength(call.request());
        Optional<String> contentRange = call.request().header("Content-Range");
        if (contentRange.isEmpty()) {
            return contentLength;
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.get().trim());
        if (!m.matches()) {
            throw ErrorCode.BLOB_UPLOAD_INVALID.exception("malformed Content-Range", contentRange.get());
        }
        long start;
        long end;
        try {
            start = Long.parseLong(m.group(1));
            end = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw ErrorCode.BLOB_UPLOAD_INVALID.exception("malformed Content-Range", contentRange.get());
        }
        if (start != size || end < start) {
            throw rangeInvalid(call, upload, "chunk " + contentRange.get() + " does not start at " + size);
        }
        long length = end - start + 1;
        if (contentLength.isPresent() && contentLength.getAsLong() != length) {
            throw ErrorCode.SIZE_INVALID.exception("Content-Length does not match Content-Range",
                    contentLength.getAsLong() + " vs " + contentRange.get());
        }
        return OptionalLong.of(length);
    }

    private RegistryException rangeInvalid(Call call, BlobUpload upload, String detail) {
        return new RangeInvalid(detail, progress(call, upload, upload.size()));
    }

    /** The headers that tell a client where its upload stands. */
    private HttpHeaders.Builder progress(Call call, BlobUpload upload, long size) {
        String state = codec.seal(new UploadState(call.name().value(), upload.id(), size, upload.startedAt()));
        String location = urls.location(call.request(),
                call.repositoryPath() + "/blobs/uploads/" + upload.id() + "?_state=" + state);
        return HttpHeaders.builder()
                .set("Location", location)
                .set("Range", "0-" + Math.max(0, size - 1))
                .set("Docker-Upload-UUID", upload.id());
    }

    private HttpResponse created(Call call, Digest digest) {
        return call.respond(201, HttpHeaders.builder()
                .set("Location", urls.location(call.request(), call.repositoryPath() + "/blobs/" + digest))
                .set("Docker-Content-Digest", digest.toString()));
    }

    private static OptionalLong contentLength(HttpRequest request) {
        Optional<String> header = request.header("Content-Length");
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long length = Long.parseLong(header.get().trim());
            if (length >= 0) {
                return OptionalLong.of(length);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ErrorCode.SIZE_INVALID.exception("invalid Content-Length", header.get());
    }

    private static boolean hasBody(HttpRequest request) {
        OptionalLong length = contentLength(request);
        return length.isPresent() ? length.getAsLong() > 0 : request.headers().contains("Transfer-Encoding");
    }

    static DigestAlgorithm algorithm(String id) {
        return DigestAlgorithm.forId(id).orElseThrow(() ->
                ErrorCode.DIGEST_INVALID.exception("unsupported digest algorithm", id));
    }

    private static void cancelQuietly(BlobUpload upload) {
        try {
            upload.cancel();
        } catch (RuntimeException ignored) {
            // the purger removes what a failed cancel leaves
        }
    }

    /** 416 with the headers that say where the upload stands. */
    static final class RangeInvalid extends RegistryException {

        private final transient HttpHeaders.Builder headers;

        RangeInvalid(String detail, HttpHeaders.Builder headers) {
            super(ErrorCode.RANGE_INVALID, "invalid content range", detail);
            this.headers = headers;
        }

        HttpHeaders.Builder headers() {
            return headers;
        }
    }
}
