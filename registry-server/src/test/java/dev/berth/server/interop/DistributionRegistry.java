package dev.berth.server.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * distribution 2.8 ({@code docker-registry} from Debian) as a real process on a free loopback
 * port, storing under a directory the test owns. Not the package's service: its own config.
 */
final class DistributionRegistry implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final URI baseUri;
    private final Path log;

    private DistributionRegistry(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    static DistributionRegistry start(Path rootDirectory, Path workDirectory) throws IOException, InterruptedException {
        return start(rootDirectory, workDirectory, "");
    }

    /** With more top-level config sections, such as {@code auth}. */
    static DistributionRegistry start(Path rootDirectory, Path workDirectory, String moreYaml)
            throws IOException, InterruptedException {
        Path binary = Tools.require("docker-registry");
        int port = Tools.freePort();
        Path config = workDirectory.resolve("distribution-config.yml");
        Files.writeString(config, Tools.configYml(rootDirectory, "  addr: 127.0.0.1:" + port + "\n") + moreYaml);
        Path log = workDirectory.resolve("distribution.log");
        Process process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DistributionRegistry registry = new DistributionRegistry(process, URI.create("http://127.0.0.1:" + port + "/"), log);
        try {
            registry.awaitReady();
            return registry;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            registry.close();
            throw e;
        }
    }

    URI baseUri() {
        return baseUri;
    }

    /** {@code host:port}, as skopeo's docker:// references want it. */
    String authority() {
        return baseUri.getAuthority();
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("distribution exited " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(baseUri.resolve("/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                // 401: up, with an auth section asking for credentials.
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // polled again below
            }
            Thread.sleep(50);
        }
        throw new AssertionError("distribution did not answer on " + baseUri + " within " + STARTUP + ":\n" + output());
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
