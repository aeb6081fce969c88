package dev.berth.server.notify;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.BlobInfo;
import dev.berth.api.store.Registry;
import dev.berth.server.http.HttpRequest;
import dev.berth.server.http.HttpResponse;
import dev.berth.server.http.Interceptor;
import dev.berth.server.http.RouteInfo;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns what the registry did into events and queues them before the response leaves: pushes
 * (manifest PUT, upload completed, monolithic POST), mounts, pulls (manifest and blob GET) and
 * deletes. HEAD requests and failed requests make no event. Blob events carry the media type
 * {@code application/octet-stream}, as distribution's do, so {@code ignoredmediatypes} can
 * leave out layers.
 */
public final class EventInterceptor implements Interceptor {

    static final String BLOB_MEDIA_TYPE = "application/octet-stream";

    private final Notifier notifier;
    private final Registry registry;
    private final Event.Source source;
    private final Optional<URI> host;
    private final Clock clock;

    /**
     * @param source the registry node's address and instance id, on every event
     * @param host   {@code http.host}: the base of the events' {@code url}; without it, the
     *               scheme and {@code Host} the client used
     */
    public EventInterceptor(Notifier notifier, Registry registry, Event.Source source, Optional<URI> host,
            Clock clock) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.source = Objects.requireNonNull(source, "source");
        this.host = Objects.requireNonNull(host, "host");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public HttpResponse intercept(Chain chain) throws IOException {
        HttpRequest request = chain.request();
        HttpResponse response = chain.proceed(request);
        RouteInfo route = response.route();
        if (response.status() < 400 && route.repository().isPresent()) {
            target(request, response, route.repository().get()).ifPresent(target -> notifier.publish(List.of(
                    new Event(UUID.randomUUID().toString(), clock.instant(), target.action(),
                            target.target().withUrl(url(request, target)), requestRecord(request),
                            new Event.Actor(route.subject().orElse(null)), source))));
        }
        return response;
    }

    /** An event's action and target, and whether the target is a blob (else a manifest). */
    private record Found(Action action, Event.Target target, boolean blob) {
    }

    private Optional<Found> target(HttpRequest request, HttpResponse response, RepositoryName name) {
        String repository = name.toString();
        String method = request.method();
        int status = response.status();
        Optional<String> reference = response.route().reference();
        Optional<Digest> sentDigest = response.headers().first("Docker-Content-Digest").filter(Digest::isValid)
                .map(Digest::parse);
        switch (response.route().name()) {
            case RouteInfo.ROUTE_MANIFEST -> {
                Optional<String> tag = reference.filter(r -> !Digest.isValid(r));
                Optional<Digest> digest = sentDigest.or(() -> reference.filter(Digest::isValid).map(Digest::parse));
                if (method.equals("DELETE") && status == 202) {
                    return Optional.of(new Found(Action.DELETE, new Event.Target(null, null, digest.orElse(null), null,
                            repository, null, null, tag.orElse(null), List.of()), false));
                }
                Action action = method.equals("GET") && status == 200 ? Action.PULL
                        : method.equals("PUT") && status == 201 ? Action.PUSH : null;
                if (action == null || digest.isEmpty()) {
                    return Optional.empty();
                }
                return manifest(name, digest.get()).map(manifest -> new Found(action,
                        Event.Target.of(repository, manifest.mediaType(), manifest.digest(), manifest.size())
                                .withTag(tag.orElse(null)).withReferences(manifest.references()), false));
            }
            case RouteInfo.ROUTE_BLOB -> {
                Optional<Digest> digest = reference.filter(Digest::isValid).map(Digest::parse);
                if (digest.isEmpty()) {
                    return Optional.empty();
                }
                if (method.equals("DELETE") && status == 202) {
                    return Optional.of(new Found(Action.DELETE, new Event.Target(null, null, digest.get(), null,
                            repository, null, null, null, List.of()), true));
                }
                return method.equals("GET") ? blob(Action.PULL, name, digest.get()) : Optional.empty();
            }
            case RouteInfo.ROUTE_UPLOAD_START -> {
                if (!method.equals("POST") || status != 201) {
                    return Optional.empty();
                }
                Optional<String> mount = request.queryParameter("mount");
                if (mount.isPresent() && Digest.isValid(mount.get())) {
                    Optional<String> from = request.queryParameter("from");
                    return blob(Action.MOUNT, name, Digest.parse(mount.get())).map(found -> new Found(found.action(),
                            found.target().withFromRepository(from.orElse(null)), true));
                }
                return sentDigest.flatMap(digest -> blob(Action.PUSH, name, digest));
            }
            case RouteInfo.ROUTE_UPLOAD -> {
                return method.equals("PUT") && status == 201
                        ? sentDigest.flatMap(digest -> blob(Action.PUSH, name, digest)) : Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private Optional<Manifest> manifest(RepositoryName name, Digest digest) {
        return registry.repository(name).manifests().get(digest);
    }

    private Optional<Found> blob(Action action, RepositoryName name, Digest digest) {
        Optional<BlobInfo> info = registry.repository(name).blobs().stat(digest);
        return info.map(blob -> new Found(action, Event.Target.of(name.toString(), BLOB_MEDIA_TYPE, digest, blob.size()),
                true));
    }

    private String url(HttpRequest request, Found found) {
        Event.Target target = found.target();
        if (target.digest() == null) {
            return null;
        }
        String base = host.map(URI::toString).map(h -> h.endsWith("/") ? h.substring(0, h.length() - 1) : h)
                .orElseGet(() -> request.scheme() + "://" + request.header("Host").orElse("localhost"))
                + request.basePath();
        String kind = found.blob() ? "blobs" : "manifests";
        return base + "/v2/" + target.repository() + "/" + kind + "/" + target.digest();
    }

    private static Event.Request requestRecord(HttpRequest request) {
        return new Event.Request(request.header("X-Request-Id").orElse(null), request.remoteAddress(),
                request.header("Host").orElse(null), request.method(), request.header("User-Agent").orElse(null));
    }
}
