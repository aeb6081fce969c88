package dev.berth.server.metrics;

import dev.berth.api.RegistryException;
import dev.berth.server.http.HttpHeaders;
import dev.berth.server.http.HttpRequest;
import dev.berth.server.http.HttpResponse;
import dev.berth.server.http.Interceptor;
import dev.berth.server.http.ResponseBody;
import dev.berth.server.http.RouteInfo;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outermost interceptor: gives each request an id ({@code X-Request-Id}, kept when the
 * client or a proxy sent one), counts the body bytes both ways and tells the
 * {@link RequestListener}s (metrics, access log) once the response body is written — or at once
 * when the transport writes none (HEAD, 204, 304, an empty body).
 */
public final class RequestMeter implements Interceptor {

    public static final String REQUEST_ID = "X-Request-Id";

    private final List<RequestListener> listeners;

    public RequestMeter(List<RequestListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public HttpResponse intercept(Chain chain) throws IOException {
        long start = System.nanoTime();
        HttpRequest original = chain.request();
        String id = original.header(REQUEST_ID).filter(RequestMeter::plain).orElseGet(() -> UUID.randomUUID().toString());
        AtomicLong bytesIn = new AtomicLong();
        HttpRequest request = original
                .withHeaders(original.headers().toBuilder().set(REQUEST_ID, id).build())
                .withBody(new CountingInput(original.body(), bytesIn));
        HttpResponse response;
        try {
            response = chain.proceed(request);
        } catch (RegistryException e) {
            complete(request, id, RouteInfo.UNMATCHED, e.httpStatus(), bytesIn.get(), 0, start);
            throw e;
        } catch (IOException | RuntimeException e) {
            complete(request, id, RouteInfo.UNMATCHED, 500, bytesIn.get(), 0, start);
            throw e;
        }
        HttpHeaders headers = response.headers().toBuilder().set(REQUEST_ID, id).build();
        HttpResponse answered = response.withHeaders(headers);
        if (!bodyWillBeWritten(request.method(), response)) {
            complete(request, id, response.route(), response.status(), bytesIn.get(), 0, start);
            return answered;
        }
        ResponseBody body = response.body();
        return answered.withBody(new ResponseBody() {
            @Override
            public long contentLength() {
                return body.contentLength();
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                countingWrite(bytesOut -> body.writeTo(new CountingOutput(out, bytesOut)));
            }

            @Override
            public void writeTo(WritableByteChannel out) throws IOException {
                countingWrite(bytesOut -> body.writeTo(new CountingChannel(out, bytesOut)));
            }

            /** Reports the request once its body is written, or failed to be, with the bytes that went. */
            private void countingWrite(BodyWrite write) throws IOException {
                AtomicLong bytesOut = new AtomicLong();
                try {
                    write.to(bytesOut);
                } finally {
                    complete(request, id, response.route(), response.status(), bytesIn.get(), bytesOut.get(), start);
                }
            }
        });
    }

    /** Writes a body, adding the bytes written to {@code bytesOut}. */
    @FunctionalInterface
    private interface BodyWrite {
        void to(AtomicLong bytesOut) throws IOException;
    }

    /** Whether the transports write this response's body (they skip it in these cases). */
    static boolean bodyWillBeWritten(String method, HttpResponse response) {
        int status = response.status();
        return !method.equals("HEAD") && status != 204 && status != 304 && status >= 200
                && response.body().contentLength() != 0;
    }

    private void complete(HttpRequest request, String id, RouteInfo route, int status, long in, long out, long start) {
        CompletedRequest done = new CompletedRequest(id, request.method(), uri(request),
                route.name(), status, in, out, Duration.ofNanos(System.nanoTime() - start), route.subject(),
                request.remoteAddress(), request.header("User-Agent").orElse(""));
        for (RequestListener listener : listeners) {
            listener.completed(done);
        }
    }

    /** The path and query as sent, near enough: the query is re-encoded from its decoded parameters. */
    static String uri(HttpRequest request) {
        StringBuilder uri = new StringBuilder(request.basePath()).append(request.path());
        char separator = '?';
        for (var parameter : request.query().entrySet()) {
            for (String value : parameter.getValue()) {
                uri.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return uri.toString();
    }

    private static boolean plain(String id) {
        return id.length() <= 128 && id.chars().allMatch(c -> c > ' ' && c < 127);
    }

    private static final class CountingInput extends FilterInputStream {
        private final AtomicLong count;

        CountingInput(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count.addAndGet(skipped);
            return skipped;
        }
    }

    private static final class CountingOutput extends FilterOutputStream {
        private final AtomicLong count;

        CountingOutput(OutputStream out, AtomicLong count) {
            super(out);
            this.count = count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count.addAndGet(length);
        }
    }

    private static final class CountingChannel implements WritableByteChannel {
        private final WritableByteChannel out;
        private final AtomicLong count;

        CountingChannel(WritableByteChannel out, AtomicLong count) {
            this.out = out;
            this.count = count;
        }

        @Override
        public int write(ByteBuffer bytes) throws IOException {
            int n = out.write(bytes);
            count.addAndGet(n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
