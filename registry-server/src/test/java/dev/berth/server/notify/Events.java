package dev.berth.server.notify;

import dev.berth.api.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events for tests. */
final class Events {

    private Events() {
    }

    static Event push(String repository, int n) {
        Digest digest = Digest.sha256(("layer-" + n).getBytes(StandardCharsets.UTF_8));
        return new Event(UUID.randomUUID().toString(), Instant.parse("2026-11-27T09:00:00Z"), Action.PUSH,
                Event.Target.of(repository, "application/vnd.oci.image.layer.v1.tar+gzip", digest, 100L + n),
                new Event.Request("req-" + n, "127.0.0.1:1234", "registry.test", "PUT", "test/1.0"),
                new Event.Actor("alice"), new Event.Source("registry.test:5000", "instance-1"));
    }

    static List<Event> pushes(String repository, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> push(repository, i)).toList();
    }
}
