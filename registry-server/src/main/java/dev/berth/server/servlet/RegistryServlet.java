package dev.berth.server.servlet;

import dev.berth.server.http.HttpHeaders;
import dev.berth.server.http.HttpRequest;
import dev.berth.server.http.HttpResponse;
import dev.berth.server.http.RegistryHandler;
import dev.berth.server.http.ResponseBody;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The registry as a Jakarta Servlet (6.0+), for Jetty, Tomcat or Spring applications. It
 * carries every method (PATCH included) to the same {@link RegistryHandler} the embedded
 * server uses.
 *
 * <p>Map it at {@code /v2/*} to serve the API at the root of the context (what clients expect
 * of a registry host), or at {@code /<prefix>/*} to serve {@code /<prefix>/v2/...}.
 */
public class RegistryServlet extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Blob bodies go to a Servlet 6.1 container as the buffers storage filled (a file's are
     * direct: no copy on the way to the socket); to a 6.0 one, through arrays.
     */
    private static final boolean TAKES_BUFFERS = takesBuffers();

    private final transient RegistryHandler handler;

    public RegistryServlet(RegistryHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpResponse answer = handler.handle(toRequest(request));
        write(request, response, answer);
    }

    private static HttpRequest toRequest(HttpServletRequest request) throws IOException {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        String servletPath = request.getServletPath();
        // Mapped at /v2/*, the servlet path is part of the API path, not a prefix before it.
        String basePath = contextPath + (servletPath.equals("/v2") ? "" : servletPath);
        String path = uri.startsWith(basePath) ? uri.substring(basePath.length()) : "/";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return new HttpRequest(request.getMethod(), request.getScheme(), basePath, path.isEmpty() ? "/" : path,
                HttpRequest.parseQuery(request.getQueryString()), HttpHeaders.of(headers), request.getInputStream(),
                request.getRemoteAddr());
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HttpResponse answer)
            throws IOException {
        response.setStatus(answer.status());
        answer.headers().asMap().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        ResponseBody body = answer.body();
        int status = answer.status();
        if (status == 204 || status == 304) {
            return;
        }
        long length = body.contentLength();
        if (length >= 0) {
            response.setContentLengthLong(length);
        }
        if (request.getMethod().equals("HEAD") || length == 0) {
            return;
        }
        ServletOutputStream out = response.getOutputStream();
        if (TAKES_BUFFERS) {
            body.writeTo(channel(out));
        } else {
            body.writeTo(out);
        }
        out.flush();
    }

    /** Whether the container's stream takes buffers ({@code write(ByteBuffer)}, Servlet 6.1). */
    private static boolean takesBuffers() {
        try {
            ServletOutputStream.class.getMethod("write", ByteBuffer.class);
            return true;
        } catch (NoSuchMethodException servlet60) {
            return false;
        }
    }

    /** {@code out} as a channel: each buffer is written whole, as a blocking servlet stream does. */
    private static WritableByteChannel channel(ServletOutputStream out) {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer bytes) throws IOException {
                int length = bytes.remaining();
                out.write(bytes);
                bytes.position(bytes.limit()); // containers differ in whether they move it
                return length;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
