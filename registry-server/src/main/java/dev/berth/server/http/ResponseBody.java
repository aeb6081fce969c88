package dev.berth.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * What a response sends: content that writes itself to the transport's stream when (and only
 * if) the transport gets to it. A blob is opened inside {@link #writeTo}, so a HEAD request or
 * an interceptor that replaces the response never opens storage, and nothing is held in memory.
 */
public interface ResponseBody {

    /** The length in bytes, or -1 when unknown (the transport then streams it chunked). */
    long contentLength();

    /** Writes the content; the transport flushes and closes {@code out} afterwards. */
    void writeTo(OutputStream out) throws IOException;

    /**
     * Writes the content to a transport that takes buffers, which the body may hand over
     * without copying them (a blob file is read into direct buffers that go to the socket as
     * they are); by default through {@link #writeTo(OutputStream)}. The transport flushes and
     * closes {@code out} afterwards.
     */
    default void writeTo(WritableByteChannel out) throws IOException {
        writeTo(Channels.newOutputStream(out));
    }

    /** No content. */
    static ResponseBody empty() {
        return Empty.INSTANCE;
    }

    /** These bytes (not copied: pass a fresh array). */
    static ResponseBody of(byte[] bytes) {
        return new ResponseBody() {
            @Override
            public long contentLength() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }
        };
    }

    /** This text in UTF-8. */
    static ResponseBody of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The empty body; a singleton so transports can tell "no body" apart from zero bytes of content. */
    enum Empty implements ResponseBody {
        INSTANCE;

        @Override
        public long contentLength() {
            return 0;
        }

        @Override
        public void writeTo(OutputStream out) {
            // nothing to write
        }
    }
}
