package dev.berth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth serve} as a real process: the embedded default with overrides from the
 * environment, and a SIGTERM while an upload is streaming, which must still complete.
 */
class ServeProcessTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** Large enough to pass every buffer on its way to the upload's data file. */
    private static final int FIRST_PART = 1024 * 1024;

    @TempDir
    Path work;

    @Test
    void sigtermLetsTheUploadInFlightFinishThenStops() throws Exception {
        Path log = work.resolve("serve.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("REGISTRY_HTTP_ADDR", "127.0.0.1:0");
        builder.environment().put("REGISTRY_HTTP_SECRET", "process-test");
        builder.environment().put("REGISTRY_HTTP_DRAINTIMEOUT", "20s");
        Process process = builder.start();
        try {
            URI base = awaitListening(process, log);

            HttpURLConnection start = (HttpURLConnection) base.resolve("v2/demo/app/blobs/uploads/").toURL().openConnection();
            start.setRequestMethod("POST");
            assertThat(start.getResponseCode()).isEqualTo(202);
            URI upload = base.resolve(start.getHeaderField("Location"));

            // The PATCH body streams from a pipe: half before SIGTERM, half after.
            PipedOutputStream body = new PipedOutputStream();
            PipedInputStream source = new PipedInputStream(body, FIRST_PART);
            CompletableFuture<HttpResponse<String>> patch = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(
                    HttpRequest.newBuilder(upload).method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> source))
                            .header("Content-Type", "application/octet-stream").build(),
                    HttpResponse.BodyHandlers.ofString());
            body.write(new byte[FIRST_PART]);
            body.flush();
            awaitUploadData(work.resolve("registry-data/docker/registry/v2/repositories/demo/app/_uploads"));

            process.destroy(); // SIGTERM
            awaitLog(log, "stopping", process);
            body.write(new byte[4096]);
            body.close();

            HttpResponse<String> response;
            try {
                response = patch.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the upload in flight at SIGTERM failed; berth's log:\n" + read(log), e);
            }
            assertThat(response.statusCode()).as("the upload in flight at SIGTERM").isEqualTo(202);
            assertThat(response.headers().firstValue("Range")).contains("0-" + (FIRST_PART + 4096 - 1));
            assertThat(work.resolve("registry-data/docker/registry/v2/repositories/demo/app/_uploads"))
                    .as("the embedded default stores under ./registry-data").isDirectory();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process exits after draining").isTrue();
            assertThat(Files.readString(log)).contains("stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    /** Waits until the upload's data reaches storage: the PATCH is then inside the registry, truly in flight. */
    private static void awaitUploadData(Path uploads) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(uploads)) {
                try (Stream<Path> files = Files.walk(uploads)) {
                    if (files.anyMatch(file -> file.getFileName().toString().equals("data") && file.toFile().length() > 0)) {
                        return;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no upload data reached " + uploads);
    }

    private static URI awaitListening(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(read(log));
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("berth serve exited " + process.exitValue() + ":\n" + read(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("berth serve did not start within " + STARTUP + ":\n" + read(log));
    }

    private static void awaitLog(Path log, String text, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline && !read(log).contains(text)) {
            Thread.sleep(20);
        }
        assertThat(read(log)).as("log of berth serve (alive: %s)", process.isAlive()).contains(text);
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
