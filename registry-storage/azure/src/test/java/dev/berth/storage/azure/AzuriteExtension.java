package dev.berth.storage.azure;

import com.azure.storage.blob.BlobServiceClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs Azurite's blob service ({@code azurite-blob}, npm {@code azurite}) on a free loopback port
 * for the test run: {@code @RegisterExtension static final AzuriteExtension AZURITE = new
 * AzuriteExtension();} in each class. The process is found through {@code $AZURITE_BLOB} or {@code PATH}
 * ({@code .ci/run} installs it); without it the class is skipped, saying why. Each
 * {@link #newContainer()} is a fresh container, so tests do not see each other's blobs. Public,
 * in the test-jar, for registry-app's tests of the program on {@code azure} storage.
 */
public final class AzuriteExtension implements BeforeAllCallback {

    /** Azurite's well-known development account (public, documented by Microsoft). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final AtomicInteger containers = new AtomicInteger();
    private volatile Running running;
    /** One client for all the class's drivers: each new client would start its own HTTP client threads. */
    private volatile BlobServiceClient service;

    /**
     * Starts Azurite once per test run (the root store), not per class: under load its start
     * costs seconds, and containers already keep tests apart.
     */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<Path> executable = findExecutable();
        Assumptions.assumeTrue(executable.isPresent(),
                "azurite-blob not found on PATH nor in $AZURITE_BLOB: install Node and `npm install -g azurite@3.37.0`"
                        + " (.ci/run does) to run the Azure driver tests");
        running = context.getRoot().getStore(ExtensionContext.Namespace.create(AzuriteExtension.class))
                .getOrComputeIfAbsent("azurite", key -> start(executable.get()), Running.class);
        service = AzureClients.serviceClient(AzureSettings.of(ACCOUNT, KEY, "unused", serviceUrl()));
    }

    private static Running start(Path executable) {
        try {
            return Running.start(executable);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The blob service's URL, for the driver's {@code serviceurl} parameter. */
    public URI serviceUrl() {
        return URI.create("http://127.0.0.1:" + running.port + "/" + ACCOUNT);
    }

    /** Settings for a new, empty container. */
    public AzureSettings newContainer() {
        String name = "c" + containers.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        service.createBlobContainer(name);
        return AzureSettings.of(ACCOUNT, KEY, name, serviceUrl());
    }

    /** The account's client, shared by the class's drivers and assertions. */
    BlobServiceClient service() {
        return service;
    }

    /** A driver on a new container, through the shared client. */
    AzureDriver newDriver() {
        return driver(newContainer());
    }

    AzureDriver driver(AzureSettings settings) {
        return new AzureDriver(settings, service, Clock.systemUTC());
    }

    private static Optional<Path> findExecutable() {
        String explicit = System.getenv("AZURITE_BLOB");
        if (explicit != null && Files.isExecutable(Path.of(explicit))) {
            return Optional.of(Path.of(explicit));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "azurite-blob");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The process; closed by JUnit when the run's root store closes. */
    private static final class Running implements AutoCloseable {

        private final Process process;
        private final int port;
        private final Path workDirectory;

        private Running(Process process, int port, Path workDirectory) {
            this.process = process;
            this.port = port;
            this.workDirectory = workDirectory;
        }

        static Running start(Path executable) throws IOException, InterruptedException {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Path workDirectory = Files.createTempDirectory("azurite");
            Process process = new ProcessBuilder(executable.toString(), "--inMemoryPersistence",
                    "--skipApiVersionCheck", "--loose", "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port))
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .start();
            Running running = new Running(process, port, workDirectory);
            CompletableFuture<Void> listening = new CompletableFuture<>();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        if (line.contains("successfully listens on")) {
                            listening.complete(null);
                        }
                    }
                    listening.completeExceptionally(new IOException("azurite exited: " + output));
                } catch (IOException e) {
                    listening.completeExceptionally(e);
                }
            }, "azurite-output");
            reader.setDaemon(true);
            reader.start();
            try {
                listening.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                running.close();
                throw new IOException("azurite did not start: " + output, e);
            }
            return running;
        }

        @Override
        public void close() throws IOException {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            Files.deleteIfExists(workDirectory);
        }
    }
}
