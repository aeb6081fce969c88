package dev.berth.server.http;

import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.Registry;
import dev.berth.auth.AccessController;
import dev.berth.auth.AccessDecision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCI distribution API (spec v1.1, end-1 to end-13, and what distribution adds) over the
 * transport-neutral {@link HttpRequest}/{@link HttpResponse}: the registry is this handler, and
 * the JDK server, the servlet adapter or a test only carry bytes to and from it.
 *
 * <p>Each request is routed, its repository name validated, its scopes authorized by the
 * {@link AccessController} and only then served from the {@link Registry}. Every failure
 * becomes the spec's JSON error body; only a fault of the registry itself is a 500. Every
 * response carries {@code Docker-Distribution-API-Version: registry/2.0}.
 *
 * <p>Thread-safe; one handler serves all requests.
 */
public final class RegistryHandler {

    public static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
    public static final String API_VERSION = "registry/2.0";
    /** The OCI spec asks registries to take manifests of at least 4 MiB. */
    public static final int DEFAULT_MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHandler.class);
    /** The most of a refused request's body read so that the client gets to see the error. */
    private static final long MAX_DISCARD_BYTES = 16L * 1024 * 1024;
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Registry registry;
    private final AccessGate access;
    private final HandlerSettings settings;
    private final HttpHeaders extraHeaders;
    private final List<Interceptor> interceptors;
    private final BlobEndpoints blobs;
    private final UploadEndpoints uploads;
    private final ManifestEndpoints manifests;
    private final ListingEndpoints listings = new ListingEndpoints();

    private RegistryHandler(Builder builder) {
        this.registry = Objects.requireNonNull(builder.registry, "registry");
        this.access = new AccessGate(builder.accessController);
        boolean open = builder.accessController == OPEN;
        this.settings = new HandlerSettings(builder.deleteEnabled, builder.readOnly, builder.redirectsEnabled,
                builder.schema1Enabled, builder.mountWithoutFrom.orElse(open), builder.maxManifestBytes,
                builder.chunkMinLength);
        this.extraHeaders = HttpHeaders.of(builder.headers);
        this.interceptors = List.copyOf(builder.interceptors);
        Urls urls = new Urls(Optional.ofNullable(builder.host), builder.relativeUrls);
        this.blobs = new BlobEndpoints(settings);
        this.uploads = new UploadEndpoints(settings, codec(builder.httpSecret), urls, access);
        this.manifests = new ManifestEndpoints(settings, urls);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Serves one request through the interceptors. The returned body has not been written: the
     * transport writes it (or, for HEAD, only its length).
     */
    public HttpResponse handle(HttpRequest request) throws IOException {
        HttpResponse response;
        try {
            response = new RealChain(0, request).proceed(request);
        } catch (RegistryException e) {
            response = ErrorResponses.of(e, RouteInfo.UNMATCHED);
        } catch (RuntimeException e) {
            response = internalError(request, e, RouteInfo.UNMATCHED);
        }
        HttpHeaders.Builder headers = response.headers().toBuilder().set(API_VERSION_HEADER, API_VERSION);
        extraHeaders.asMap().forEach((name, values) -> {
            headers.remove(name);
            values.forEach(value -> headers.add(name, value));
        });
        return response.withHeaders(headers.build());
    }

    private final class RealChain implements Interceptor.Chain {
        private final int index;
        private final HttpRequest request;

        RealChain(int index, HttpRequest request) {
            this.index = index;
            this.request = request;
        }

        @Override
        public HttpRequest request() {
            return request;
        }

        @Override
        public HttpResponse proceed(HttpRequest next) throws IOException {
            if (index < interceptors.size()) {
                return interceptors.get(index).intercept(new RealChain(index + 1, next));
            }
            return serve(next);
        }
    }

    private HttpResponse serve(HttpRequest request) {
        HttpResponse response = route(request);
        if (response.status() >= 400) {
            // A client still sending a body it was refused would otherwise see the connection
            // reset instead of the error: read (a bounded amount of) what it sends first.
            Streams.discard(request.body(), MAX_DISCARD_BYTES);
        }
        return response;
    }

    private HttpResponse route(HttpRequest request) {
        RouteInfo info = RouteInfo.UNMATCHED;
        try {
            Optional<Route> matched = Route.parse(request.path());
            if (matched.isEmpty()) {
                return ErrorResponses.of(ErrorResponses.withStatus(ErrorCode.UNSUPPORTED, "no such endpoint",
                        request.path(), 404), info);
            }
            Route route = matched.get();
            // "/v2//blobs/x" names the empty repository: NAME_INVALID, like any other bad name.
            RepositoryName name = route.kind().named() ? RepositoryName.parse(route.name()) : null;
            info = new RouteInfo(route.kind().routeName, Optional.ofNullable(name),
                    Optional.of(route.argument()).filter(argument -> !argument.isEmpty()), Optional.empty());
            List<String> allowed = allowedMethods(route.kind());
            if (!allowed.contains(request.method())) {
                return ErrorResponses.of(ErrorCode.UNSUPPORTED.exception("The operation is unsupported.",
                        request.method() + " " + route.kind().routeName),
                        HttpHeaders.builder().set("Allow", String.join(", ", allowed)), info);
            }
            AccessDecision decision = access.check(AccessScopes.of(route.kind(), request.method(), name), request);
            if (decision instanceof AccessDecision.Refused refused) {
                return refused(refused, info);
            }
            info = info.withSubject(((AccessDecision.Granted) decision).subject());
            if (settings.readOnly() && WRITES.contains(request.method())) {
                throw HandlerSettings.readOnlyMode();
            }
            Call call = new Call(request, route, name, name == null ? null : registry.repository(name), info);
            return dispatch(call);
        } catch (UploadEndpoints.RangeInvalid e) {
            return ErrorResponses.of(e, e.headers(), info);
        } catch (RegistryException e) {
            return ErrorResponses.of(e, info);
        } catch (IOException | UncheckedIOException e) {
            // The request body broke off: the client is gone or sent garbage, not our fault.
            return ErrorResponses.of(ErrorCode.BLOB_UPLOAD_INVALID.exception("request body could not be read",
                    e.getMessage()), info);
        } catch (RuntimeException e) {
            return internalError(request, e, info);
        }
    }

    private HttpResponse dispatch(Call call) throws IOException {
        String method = call.request().method();
        return switch (call.route().kind()) {
            case BASE -> call.respond(200, HttpHeaders.builder().set("Content-Type", "application/json"),
                    ResponseBody.of("{}"));
            case CATALOG -> listings.catalog(call, registry.catalog());
            case TAGS -> listings.tags(call);
            case REFERRERS -> listings.referrers(call);
            case BLOB -> method.equals("DELETE") ? blobs.delete(call) : blobs.get(call);
            case MANIFEST -> switch (method) {
                case "PUT" -> manifests.put(call);
                case "DELETE" -> manifests.delete(call);
                default -> manifests.get(call);
            };
            case UPLOAD_START -> uploads.start(call);
            case UPLOAD -> switch (method) {
                case "PATCH" -> uploads.patch(call);
                case "PUT" -> uploads.put(call);
                case "DELETE" -> uploads.cancel(call);
                default -> uploads.status(call);
            };
        };
    }

    private static List<String> allowedMethods(Route.Kind kind) {
        return switch (kind) {
            case BASE -> List.of("GET", "HEAD");
            case CATALOG, TAGS, REFERRERS -> List.of("GET");
            case BLOB -> List.of("GET", "HEAD", "DELETE");
            case MANIFEST -> List.of("GET", "HEAD", "PUT", "DELETE");
            case UPLOAD_START -> List.of("POST");
            case UPLOAD -> List.of("GET", "PATCH", "PUT", "DELETE");
        };
    }

    private static HttpResponse refused(AccessDecision.Refused refused, RouteInfo info) {
        ErrorCode code = refused.status() == 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.DENIED;
        HttpHeaders.Builder headers = HttpHeaders.builder();
        refused.wwwAuthenticate().ifPresent(challenge -> headers.set("WWW-Authenticate", challenge));
        return ErrorResponses.of(new RegistryException(code, refused.message(), null, refused.status(), null),
                headers, info);
    }

    private static HttpResponse internalError(HttpRequest request, RuntimeException e, RouteInfo info) {
        LOG.error("{} {} failed", request.method(), request.path(), e);
        return ErrorResponses.of(new RegistryException(ErrorCode.UNKNOWN, "unknown error", null, 500, e), info);
    }

    /**
     * Without a configured secret the codec draws its own, as distribution does; the warning that
     * this breaks uploads behind a load balancer is the configuration's to give (it knows whether
     * {@code http.secret} was left out), not every embedded or test registry's.
     */
    private static UploadStateCodec codec(String configured) {
        return configured != null && !configured.isEmpty()
                ? new UploadStateCodec(UploadStateCodec.secretBytes(configured))
                : UploadStateCodec.withRandomSecret();
    }

    private static final AccessController OPEN = AccessController.allowAll();

    /** Configures a {@link RegistryHandler}; every setting has distribution's default. */
    public static final class Builder {
        private Registry registry;
        private AccessController accessController = OPEN;
        private String httpSecret;
        private boolean deleteEnabled;
        private boolean readOnly;
        private boolean redirectsEnabled = true;
        private boolean schema1Enabled;
        private boolean relativeUrls;
        private URI host;
        private Map<String, List<String>> headers = Map.of();
        private int maxManifestBytes = DEFAULT_MAX_MANIFEST_BYTES;
        private long chunkMinLength;
        private Optional<Boolean> mountWithoutFrom = Optional.empty();
        private final List<Interceptor> interceptors = new ArrayList<>();

        private Builder() {
        }

        public Builder registry(Registry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Who may do what; everyone may do everything when not set. */
        public Builder accessController(AccessController accessController) {
            this.accessController = Objects.requireNonNull(accessController, "accessController");
            return this;
        }

        /**
         * {@code http.secret}: signs upload state. Nodes sharing storage must share it; when
         * absent a random one is made (when the first upload starts), and uploads cannot move
         * between nodes.
         */
        public Builder httpSecret(String httpSecret) {
            this.httpSecret = httpSecret;
            return this;
        }

        /** {@code storage.delete.enabled}: whether blobs and manifests may be deleted (default false). */
        public Builder deleteEnabled(boolean deleteEnabled) {
            this.deleteEnabled = deleteEnabled;
            return this;
        }

        /** {@code storage.maintenance.readonly.enabled}: reads only; every write is 405 UNSUPPORTED. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** The negation of {@code storage.redirect.disable}: send clients to storage URLs when it has them. */
        public Builder redirectsEnabled(boolean redirectsEnabled) {
            this.redirectsEnabled = redirectsEnabled;
            return this;
        }

        /** {@code compatibility.schema1.enabled}: accept Docker schema 1 manifests. */
        public Builder schema1Enabled(boolean schema1Enabled) {
            this.schema1Enabled = schema1Enabled;
            return this;
        }

        /** {@code http.relativeurls}: {@code Location} headers as paths, not absolute URLs. */
        public Builder relativeUrls(boolean relativeUrls) {
            this.relativeUrls = relativeUrls;
            return this;
        }

        /** {@code http.host}: the externally reachable base URL used in {@code Location} headers. */
        public Builder host(URI host) {
            this.host = host;
            return this;
        }

        /** {@code http.headers}: added to every response, replacing the registry's own of the same name. */
        public Builder headers(Map<String, List<String>> headers) {
            this.headers = Map.copyOf(headers);
            return this;
        }

        /** The largest manifest accepted; larger pushes get 413. At least the spec's 4 MiB by default. */
        public Builder maxManifestBytes(int maxManifestBytes) {
            if (maxManifestBytes < 1) {
                throw new IllegalArgumentException("maxManifestBytes must be positive");
            }
            this.maxManifestBytes = maxManifestBytes;
            return this;
        }

        /** Sent as {@code OCI-Chunk-Min-Length} when an upload starts; 0 (default) sends nothing. */
        public Builder chunkMinLength(long chunkMinLength) {
            this.chunkMinLength = Math.max(0, chunkMinLength);
            return this;
        }

        /**
         * Whether {@code ?mount=} without {@code from} may link any copy in the registry. Default:
         * only without an access controller, since with one it would let a client link content it
         * cannot read by knowing its digest.
         */
        public Builder mountWithoutFrom(boolean mountWithoutFrom) {
            this.mountWithoutFrom = Optional.of(mountWithoutFrom);
            return this;
        }

        /** Adds an interceptor; the first added is outermost. */
        public Builder interceptor(Interceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        public RegistryHandler build() {
            return new RegistryHandler(this);
        }
    }
}
