package dev.berth.testkit;

import dev.berth.auth.AccessController;
import dev.berth.server.RegistryServer;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link RegistryTest}, and the way to configure one:
 *
 * <pre>{@code
 * @RegisterExtension
 * static RegistryExtension registry = RegistryExtension.builder()
 *         .storage(() -> new FilesystemDriver(dir))
 *         .accessController(myController)
 *         .configure(server -> server.readOnly(true))
 *         .build();
 * }</pre>
 *
 * A static field gives one registry per class, an instance field one per test, as with
 * WireMock and MockWebServer. The extension itself holds only its (immutable) settings; the
 * running registries live in JUnit's {@link ExtensionContext.Store}, so classes and tests may
 * run in parallel.
 */
public final class RegistryExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RegistryExtension.class);
    private static final String KEY = "registry";

    private final Supplier<StorageDriver> storage;
    private final AccessController accessController;
    private final Consumer<RegistryServer.Builder> customizer;
    private final boolean tls;

    /** The defaults: in-memory storage, no auth. What {@link RegistryTest} uses. */
    public RegistryExtension() {
        this(builder());
    }

    private RegistryExtension(Builder builder) {
        this.storage = builder.storage;
        this.accessController = builder.accessController;
        this.customizer = builder.customizer;
        this.tls = builder.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** JUnit calls this only for class-level registration: one registry for the class. */
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(KEY, TestRegistry.start(this));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close(context);
    }

    /** Without a class-level registry (an instance field), each test gets its own. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (context.getStore(NAMESPACE).get(KEY, TestRegistry.class) == null) {
            context.getStore(NAMESPACE).put(KEY, TestRegistry.start(this));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestRegistry registry = context.getStore(NAMESPACE).get(KEY, TestRegistry.class);
        if (registry == null) {
            // A constructor parameter of a per-test registry: start it now; beforeEach finds it.
            registry = TestRegistry.start(this);
            context.getStore(NAMESPACE).put(KEY, registry);
        }
        return registry;
    }

    /** Closes the registry this context level started, leaving a parent's alone. */
    private static void close(ExtensionContext context) {
        TestRegistry registry = context.getStore(NAMESPACE).remove(KEY, TestRegistry.class);
        if (registry != null) {
            registry.close();
        }
    }

    StorageDriver newDriver() {
        return storage.get();
    }

    AccessController accessController() {
        return accessController;
    }

    Consumer<RegistryServer.Builder> customizer() {
        return customizer;
    }

    boolean tls() {
        return tls;
    }

    /** Settings of a {@link RegistryExtension}. */
    public static final class Builder {

        private Supplier<StorageDriver> storage = InMemoryDriver::new;
        private AccessController accessController = AccessController.allowAll();
        private Consumer<RegistryServer.Builder> customizer = server -> { };
        private boolean tls;

        private Builder() {
        }

        /** Where content goes; a fresh driver per registry. In memory by default. */
        public Builder storage(Supplier<StorageDriver> storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** Who may do what; everyone everything by default. */
        public Builder accessController(AccessController accessController) {
            this.accessController = Objects.requireNonNull(accessController, "accessController");
            return this;
        }

        /** Any other server setting (read-only mode, a secret, interceptors, headers). */
        public Builder configure(Consumer<RegistryServer.Builder> customizer) {
            this.customizer = this.customizer.andThen(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /**
         * Serve HTTPS with a fresh self-signed certificate for 127.0.0.1. Clients that probe
         * HTTPS first (Jib) need it; {@link TestRegistry#client()} trusts it.
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        public RegistryExtension build() {
            return new RegistryExtension(this);
        }
    }
}
