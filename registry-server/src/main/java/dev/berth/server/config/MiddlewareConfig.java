package dev.berth.server.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@code middleware} section: named middlewares for the registry, repository and storage layers. */
public record MiddlewareConfig(List<Middleware> registry, List<Middleware> repository, List<Middleware> storage) {

    public static final MiddlewareConfig NONE = new MiddlewareConfig(List.of(), List.of(), List.of());

    /** One middleware: {@code cloudfront}, {@code redirect}, {@code rewrite} … with its options. */
    public record Middleware(String name, boolean disabled, Map<String, String> options) {
        public Middleware {
            Objects.requireNonNull(name, "name");
            options = Map.copyOf(options);
        }
    }

    public MiddlewareConfig {
        registry = List.copyOf(registry);
        repository = List.copyOf(repository);
        storage = List.copyOf(storage);
    }

    /** Whether any middleware is configured and not disabled. */
    public boolean any() {
        return List.of(registry, repository, storage).stream().flatMap(List::stream).anyMatch(m -> !m.disabled());
    }

    static MiddlewareConfig from(ConfigNode middleware) {
        return new MiddlewareConfig(list(middleware.get("registry")), list(middleware.get("repository")),
                list(middleware.get("storage")));
    }

    private static List<Middleware> list(ConfigNode layer) {
        return layer.elements().stream().map(entry -> new Middleware(entry.required("name"),
                entry.bool("disabled", false), entry.get("options").parameters())).toList();
    }
}
