package dev.berth.server.http;

import dev.berth.api.Digest;
import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import dev.berth.api.store.BlobInfo;
import dev.berth.api.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.Optional;

/** GET, HEAD and DELETE of {@code /v2/<name>/blobs/<digest>} (end-2, end-10). */
final class BlobEndpoints {

    /** How long a redirect URL stays valid: distribution's choice for presigned URLs. */
    private static final Duration REDIRECT_EXPIRY = Duration.ofMinutes(20);

    private final HandlerSettings settings;

    BlobEndpoints(HandlerSettings settings) {
        this.settings = settings;
    }

    HttpResponse get(Call call) {
        Digest digest = Digest.parse(call.route().argument());
        BlobStore blobs = call.repository().blobs();
        BlobInfo info = blobs.stat(digest).orElseThrow(() -> ErrorCode.BLOB_UNKNOWN.exception("blob unknown to registry", digest));
        HttpHeaders.Builder headers = HttpHeaders.builder()
                .set("Docker-Content-Digest", digest.toString())
                .set("ETag", etag(digest));
        if (settings.redirectsEnabled()) {
            Optional<URI> redirect = blobs.redirect(digest, call.request().method(), REDIRECT_EXPIRY);
            if (redirect.isPresent()) {
                return call.respond(307, headers.set("Location", redirect.get().toString()));
            }
        }
        headers.set("Content-Type", "application/octet-stream")
                .set("Accept-Ranges", "bytes")
                .set("Cache-Control", "max-age=31536000");
        if (notModified(call.request(), digest)) {
            return call.respond(304, headers);
        }
        long size = info.size();
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(call.request().header("Range").orElse(null), size);
        } catch (RegistryException unsatisfiable) {
            return ErrorResponses.of(unsatisfiable, HttpHeaders.builder().set("Content-Range", "bytes */" + size),
                    call.info());
        }
        long offset = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        range.ifPresent(r -> headers.set("Content-Range", r.contentRange(size)));
        return call.respond(range.isPresent() ? 206 : 200, headers, new BlobBody(blobs, digest, offset, length));
    }

    HttpResponse delete(Call call) {
        Digest digest = Digest.parse(call.route().argument());
        if (!settings.deleteEnabled()) {
            throw HandlerSettings.deleteDisabled();
        }
        call.repository().blobs().delete(digest);
        return call.respond(202, HttpHeaders.builder().set("Docker-Content-Digest", digest.toString()));
    }

    /**
     * {@code length} bytes of a blob from {@code offset}, opened only when the transport writes
     * the body (never for HEAD). To a transport that takes buffers, a blob whose storage reads
     * into them (a file) goes without a copy in between.
     */
    private record BlobBody(BlobStore blobs, Digest digest, long offset, long length) implements ResponseBody {

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = blobs.open(digest, offset)) {
                Streams.copy(in, out, length);
            }
        }

        @Override
        public void writeTo(WritableByteChannel out) throws IOException {
            try (InputStream in = blobs.open(digest, offset)) {
                if (in instanceof ReadableByteChannel channel) {
                    Streams.copy(channel, out, length);
                } else {
                    Streams.copy(in, Channels.newOutputStream(out), length);
                }
            }
        }
    }

    static String etag(Digest digest) {
        return "\"" + digest + "\"";
    }

    /** Whether {@code If-None-Match} names this content: a cache may keep what it has. */
    static boolean notModified(HttpRequest request, Digest digest) {
        String etag = etag(digest);
        for (String header : request.headers().all("If-None-Match")) {
            for (String candidate : header.split(",")) {
                String value = candidate.trim();
                if (value.equals(etag) || value.equals("W/" + etag) || value.equals("*")) {
                    return true;
                }
            }
        }
        return false;
    }
}
