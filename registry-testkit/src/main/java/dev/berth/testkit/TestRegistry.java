package dev.berth.testkit;

import dev.berth.api.store.Registry;
import dev.berth.server.RegistryServer;
import dev.berth.server.http.HttpRequest;
import dev.berth.server.http.HttpResponse;
import dev.berth.server.http.Interceptor;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running registry for a test: where it listens, a client for it, the requests it served,
 * and its content. Made by {@link RegistryExtension} (or {@link #start(RegistryExtension)} by
 * hand); closing it stops the server and releases the storage.
 */
public final class TestRegistry implements AutoCloseable {

    private final StorageDriver driver;
    private final StorageRegistry registry;
    private final RegistryServer server;
    private final Optional<SelfSignedCertificate> certificate;
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();

    private TestRegistry(RegistryExtension settings) {
        this.driver = settings.newDriver();
        this.registry = StorageRegistry.builder(driver).build();
        RegistryServer.Builder builder = RegistryServer.builder()
                .registry(registry)
                .bindAddress("127.0.0.1")
                .port(0)
                .deleteEnabled(true)
                .shutdownGrace(Duration.ofSeconds(2))
                .accessController(settings.accessController())
                .interceptor(this::record);
        if (settings.tls()) {
            this.certificate = Optional.of(SelfSignedCertificate.generate(temporaryDirectory()));
            builder.tls(certificate.get().certificate(), certificate.get().key());
        } else {
            this.certificate = Optional.empty();
        }
        settings.customizer().accept(builder);
        this.server = builder.build();
    }

    /** Starts a registry configured as {@code settings} says. */
    public static TestRegistry start(RegistryExtension settings) {
        TestRegistry registry = new TestRegistry(settings);
        registry.server.start();
        return registry;
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI baseUri() {
        return server.baseUri();
    }

    /** {@code 127.0.0.1:<port>}: what goes before the repository in an image reference. */
    public String hostAndPort() {
        URI uri = baseUri();
        return uri.getHost() + ":" + uri.getPort();
    }

    /** An anonymous client of this registry (trusting its certificate when it serves TLS). */
    public RegistryClient client() {
        return clientBuilder().build();
    }

    /** A client that answers the registry's challenges as {@code username}. */
    public RegistryClient client(String username, String password) {
        return clientBuilder().credentials(username, password).build();
    }

    /** The self-signed certificate the registry serves, when it was built with {@code tls()}. */
    public Optional<SelfSignedCertificate> certificate() {
        return certificate;
    }

    private RegistryClient.Builder clientBuilder() {
        RegistryClient.Builder builder = RegistryClient.builder(baseUri());
        certificate.ifPresent(builder::trust);
        return builder;
    }

    /** The registry's content, to arrange or assert on without HTTP. */
    public Registry registry() {
        return registry;
    }

    /** The storage driver under the registry. */
    public StorageDriver driver() {
        return driver;
    }

    /** The requests served so far and not yet taken, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The oldest request not yet taken, waiting up to ten seconds for one. */
    public RecordedRequest takeRequest() {
        try {
            RecordedRequest request = requests.poll(10, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("no request reached the registry within 10 seconds");
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a request", e);
        }
    }

    /** Forgets every repository, blob, upload and recorded request. */
    public void reset() {
        try {
            driver.delete("/docker");
        } catch (PathNotFoundException alreadyEmpty) {
            // Nothing was pushed yet.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requests.clear();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                driver.close();
                if (certificate.isPresent()) {
                    Files.deleteIfExists(certificate.get().certificate());
                    Files.deleteIfExists(certificate.get().key());
                    Files.deleteIfExists(certificate.get().certificate().getParent());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("berth-test-registry");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "TestRegistry[" + baseUri() + "]";
    }

    private HttpResponse record(Interceptor.Chain chain) throws IOException {
        HttpRequest request = chain.request();
        HttpResponse response = chain.proceed(request);
        requests.add(new RecordedRequest(request.method(), request.path(), request.query(), request.headers(),
                response.status(), response.route()));
        return response;
    }
}
