package dev.berth.server.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One registry event, shaped exactly as distribution's {@code notifications.Event} so that
 * existing listeners (GitLab's among them) read it unchanged. {@link #id()} is unique per event:
 * delivery is at-least-once, and a listener that must not see an event twice dedupes by it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"id", "timestamp", "action", "target", "request", "actor", "source"})
public record Event(
        String id,
        @JsonSerialize(using = ToStringSerializer.class) Instant timestamp,
        Action action,
        Target target,
        Request request,
        Actor actor,
        Source source) {

    /** The media type of the envelope {@code {"events":[…]}} that carries events. */
    public static final String ENVELOPE_MEDIA_TYPE = "application/vnd.docker.distribution.events.v1+json";

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        request = request == null ? Request.NONE : request;
        actor = actor == null ? Actor.ANONYMOUS : actor;
        source = source == null ? Source.NONE : source;
    }

    /** This event without the target's references, for {@code events.includereferences: false}. */
    public Event withoutReferences() {
        return target.references().isEmpty() ? this
                : new Event(id, timestamp, action, target.withReferences(List.of()), request, actor, source);
    }

    /**
     * What the event is about. {@code size} and {@code length} are both the content's size, as
     * distribution writes them (length is the older name); they are null on delete events,
     * where the registry no longer knows them.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"mediaType", "size", "digest", "length", "repository", "fromRepository", "url", "tag",
        "references"})
    public record Target(
            String mediaType,
            Long size,
            Digest digest,
            Long length,
            String repository,
            String fromRepository,
            String url,
            String tag,
            List<Descriptor> references) {

        public Target {
            Objects.requireNonNull(repository, "repository");
            references = references == null ? List.of() : List.copyOf(references);
        }

        /** A target in {@code repository} with the content's media type, digest and size. */
        public static Target of(String repository, String mediaType, Digest digest, Long size) {
            return new Target(mediaType, size, digest, size, repository, null, null, null, List.of());
        }

        public Target withTag(String newTag) {
            return new Target(mediaType, size, digest, length, repository, fromRepository, url, newTag, references);
        }

        public Target withUrl(String newUrl) {
            return new Target(mediaType, size, digest, length, repository, fromRepository, newUrl, tag, references);
        }

        public Target withFromRepository(String from) {
            return new Target(mediaType, size, digest, length, repository, from, url, tag, references);
        }

        public Target withReferences(List<Descriptor> newReferences) {
            return new Target(mediaType, size, digest, length, repository, fromRepository, url, tag, newReferences);
        }
    }

    /** The HTTP request that caused the event. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"id", "addr", "host", "method", "useragent"})
    public record Request(String id, String addr, String host, String method, String useragent) {
        static final Request NONE = new Request(null, null, null, null, null);
    }

    /** Who made the request: the authenticated user name, empty when anonymous. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Actor(String name) {
        static final Actor ANONYMOUS = new Actor(null);
    }

    /** The registry node that produced the event. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"addr", "instanceID"})
    public record Source(String addr, String instanceID) {
        static final Source NONE = new Source(null, null);
    }
}
