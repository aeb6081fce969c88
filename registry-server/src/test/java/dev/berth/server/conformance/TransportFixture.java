package dev.berth.server.conformance;

import dev.berth.api.store.Registry;
import dev.berth.server.RegistryServer;
import dev.berth.server.ServerTransport;
import dev.berth.server.http.RegistryHandler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the conformance tests over one transport: a subclass says how to serve a handler, and
 * implements the conformance interfaces to inherit their tests.
 */
public abstract class TransportFixture implements ConformanceFixture {

    /** A running registry, stopped after the test. */
    public interface Served extends AutoCloseable {
        URI baseUri();

        @Override
        void close();
    }

    private final List<Served> started = new ArrayList<>();
    private TestClient client;

    /** Serves {@code handler}; the returned base URI is where {@code /v2/} lives. */
    protected abstract Served serve(RegistryHandler handler) throws Exception;

    /** {@code handler} on the embedded JDK server: the transport of most subclasses, whatever their storage. */
    protected static Served onJdkServer(RegistryHandler handler) {
        return onServer(ServerTransport.jdk(), handler);
    }

    /** {@code handler} in a {@link RegistryServer} on {@code transport}. */
    protected static Served onServer(ServerTransport transport, RegistryHandler handler) {
        RegistryServer server = RegistryServer.builder().handler(handler).port(0).transport(transport)
                .shutdownGrace(Duration.ofSeconds(5)).build().start();
        return new Served() {
            @Override
            public URI baseUri() {
                return server.baseUri();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    @BeforeEach
    void startDefaultRegistry() {
        client = start(settings -> { });
    }

    @AfterEach
    void stopRegistries() {
        for (Served served : started) {
            served.close();
        }
        started.clear();
    }

    @Override
    public TestClient client() {
        return client;
    }

    @Override
    public TestClient start(Consumer<RegistryHandler.Builder> settings) {
        return start(TestRegistries.inMemory(), settings);
    }

    @Override
    public TestClient start(Registry registry, Consumer<RegistryHandler.Builder> settings) {
        RegistryHandler.Builder builder = RegistryHandler.builder()
                .registry(registry)
                .httpSecret("conformance-secret")
                .deleteEnabled(true);
        settings.accept(builder);
        try {
            Served served = serve(builder.build());
            started.add(served);
            return new TestClient(served.baseUri());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the registry", e);
        }
    }
}
