package dev.berth.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * distribution 2.8's registry ({@code /usr/bin/docker-registry}, Debian's package) serving a
 * filesystem root on a free loopback port, found from its "listening on" log line.
 */
final class DistributionProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final URI baseUri;

    private DistributionProcess(Process process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts {@code serve} on {@code root}, with deletes enabled; waits until it listens. */
    static DistributionProcess serve(Path root, Path workDirectory) throws IOException, InterruptedException {
        Path config = workDirectory.resolve("distribution.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: info\nstorage:\n  filesystem:\n    rootdirectory: "
                + root + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:0\n  secret: interop-test\n");
        Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
                port.completeExceptionally(new IOException("docker-registry ended without listening"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        }, "docker-registry-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new DistributionProcess(process, URI.create("http://127.0.0.1:" + port.get(30, TimeUnit.SECONDS)));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("docker-registry did not start", e);
        }
    }

    URI uri(String path) {
        return baseUri.resolve(path);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
