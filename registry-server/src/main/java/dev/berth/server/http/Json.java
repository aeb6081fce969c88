package dev.berth.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The handler's one JSON mapper (error bodies, listings, upload state), made on first use.
 * Building an {@code ObjectMapper} loads some 400 classes, a third of a second in a fresh JVM;
 * a registry that has only started, or only moved blobs, has no need of it. (Holder idiom: the
 * JVM initializes {@code Holder} once, thread-safely, when {@link #mapper()} first runs.)
 */
final class Json {

    private Json() {
    }

    static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder().build();
    }
}
