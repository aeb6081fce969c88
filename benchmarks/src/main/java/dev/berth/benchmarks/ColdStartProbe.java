package dev.berth.benchmarks;

import dev.berth.testkit.RegistryExtension;
import dev.berth.testkit.TestRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One sample of {@link ColdStartBenchmark}, run in a JVM of its own: starts the first registry
 * of the JVM as {@code @RegistryTest} would (in-memory storage, a free port), sends it
 * {@code GET /v2/}, and prints {@code start=<ms> firstRequest=<ms>}, both counted from the
 * moment before the testkit is first touched. Nothing of Berth, Jackson or slf4j is loaded
 * before the clock starts.
 *
 * <p>The request goes over a plain socket so that the figure is the registry's own, not an
 * HTTP client's class loading.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws IOException {
        long begin = System.nanoTime();
        TestRegistry registry = TestRegistry.start(RegistryExtension.builder().build());
        long started = System.nanoTime();
        try (registry) {
            getV2(registry.baseUri());
            long answered = System.nanoTime();
            System.out.printf("start=%.3f firstRequest=%.3f%n", (started - begin) / 1e6, (answered - begin) / 1e6);
        }
    }

    /** {@code GET /v2/} on a fresh connection, returning once the whole response has been read. */
    static void getV2(URI base) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/ HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!response.startsWith("HTTP/1.1 200 ") || !response.endsWith("{}")) {
                throw new IllegalStateException("GET /v2/ was not answered 200 {}: " + response);
            }
        }
    }
}
