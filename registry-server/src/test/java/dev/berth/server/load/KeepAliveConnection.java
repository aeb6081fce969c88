package dev.berth.server.load;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection that the load program keeps open across requests, speaking just
 * what registries answer blob and manifest requests with: {@code Content-Length} bodies.
 *
 * <p>Why not OkHttp: client and server share this machine's cores, so every CPU-second the
 * client spends is one the measured server does not get. OkHttp copies each byte into its
 * segment pool and, on pulls, out again into the caller's array; here request bodies go to the
 * socket as their {@link Body} writes them (the load's with {@code sendfile}) and response bodies
 * are read into a direct buffer and dropped.
 */
final class KeepAliveConnection implements Closeable {

    private static final int READ_BUFFER = 256 * 1024;
    private static final int MAX_HEADER = 64 * 1024;

    private final InetSocketAddress address;
    private final String host;
    private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
    private SocketChannel channel;
    /** Whether a byte of the current response has come: until then, a reused connection may be stale. */
    private boolean responding;

    KeepAliveConnection(URI base) {
        int port = base.getPort() != -1 ? base.getPort() : 80;
        if (!"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("the load program speaks plain HTTP only: " + base);
        }
        this.address = new InetSocketAddress(base.getHost(), port);
        this.host = base.getHost() + ":" + port;
    }

    /** A response: its status, headers (names in lower case) and how many body bytes came. */
    record Response(int status, Map<String, String> headers, long bodyBytes) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The bytes of a request body, written to the socket in pieces. */
    interface Body {
        long length();

        void writeTo(SocketChannel channel) throws IOException;
    }

    /**
     * Sends a request and reads its response, dropping the body. A kept-alive connection the
     * server closed while idle is reopened and the request sent again, once, if not a byte of
     * response came (the bodies here are generated, so they can be sent twice).
     */
    Response exchange(String method, String target, Map<String, String> headers, Body body) throws IOException {
        boolean reused = channel != null;
        try {
            return attempt(method, target, headers, body);
        } catch (IOException e) {
            disconnect();
            if (!reused || responding) {
                throw e;
            }
            return attempt(method, target, headers, body);
        }
    }

    private Response attempt(String method, String target, Map<String, String> headers, Body body)
            throws IOException {
        if (channel == null) {
            channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            in.clear().flip();
        }
        responding = false;
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Content-Length: ").append(body == null ? 0 : body.length()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        ByteBuffer request = ByteBuffer.wrap(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        while (request.hasRemaining()) {
            channel.write(request);
        }
        if (body != null) {
            body.writeTo(channel);
        }
        Response response = readResponse(method);
        if ("close".equalsIgnoreCase(response.header("Connection"))) {
            disconnect();
        }
        return response;
    }

    private Response readResponse(String method) throws IOException {
        int headerEnd;
        while ((headerEnd = headerEnd()) < 0) {
            if (in.limit() - in.position() >= MAX_HEADER) {
                throw new IOException("response header over " + MAX_HEADER + " bytes");
            }
            fill();
        }
        byte[] headBytes = new byte[headerEnd - in.position()];
        in.get(headBytes).position(headerEnd + 4);
        String[] lines = new String(headBytes, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response: " + lines[0]);
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new IOException("the load program reads Content-Length bodies only, got Transfer-Encoding: "
                    + headers.get("transfer-encoding"));
        }
        long length = "HEAD".equals(method) || status == 204 || status == 304 ? 0
                : Long.parseLong(headers.getOrDefault("content-length", "0"));
        skipBody(length);
        return new Response(status, Map.copyOf(headers), length);
    }

    /** The position of the {@code \r\n\r\n} ending the header in {@code in}, or -1. */
    private int headerEnd() {
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void skipBody(long length) throws IOException {
        long left = length;
        while (left > 0) {
            if (!in.hasRemaining()) {
                in.clear().flip();
                fill();
            }
            int n = (int) Math.min(left, in.remaining());
            in.position(in.position() + n);
            left -= n;
        }
    }

    /** Reads more from the socket after what {@code in} holds. */
    private void fill() throws IOException {
        in.compact();
        int n;
        try {
            n = channel.read(in);
        } finally {
            in.flip();
        }
        if (n < 0) {
            throw new EOFException(responding ? "response cut short" : "server closed the connection");
        }
        responding = true;
    }

    /** Drops the socket (after a failure mid-response, say); the next exchange opens a new one. */
    void disconnect() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public void close() throws IOException {
        disconnect();
    }
}
