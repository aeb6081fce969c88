package dev.berth.app;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The program under test, {@code java -jar registry-app/target/berth.jar}, as a child process:
 * the shaded jar itself, not this module's test classpath, so a driver missing from the jar or
 * a service file lost in shading fails here. Output goes to a file in the work directory, read
 * for the bound address and shown whole when something fails.
 */
final class BerthJar {

    /** Generous: the first start of a 60 MB jar on a loaded CI machine. A bound, not a timing assert. */
    static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private BerthJar() {
    }

    /** The jar, as failsafe passes it in. */
    static Path path() {
        String jar = System.getProperty("berth.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property berth.jar does not name the built jar: " + jar
                    + " (run through failsafe: mvn -pl registry-app -am verify)");
        }
        return Path.of(jar);
    }

    /** What a finished run printed and returned. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code berth arguments…} to completion in {@code work}. */
    static Result run(Path work, String... arguments) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "berth", ".log");
        Process process = start(work, log, arguments);
        try {
            if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("berth did not finish within " + PATIENCE + ":\n" + read(log));
            }
            return new Result(process.exitValue(), read(log));
        } finally {
            process.destroyForcibly();
        }
    }

    /** Starts {@code berth serve config} and waits until it listens. */
    static Serving serve(Path work, Path config) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "serve", ".log");
        Process process = start(work, log, "serve", config.toString());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(read(log));
            if (matcher.find()) {
                return new Serving(process, log, URI.create(matcher.group(1)));
            }
            if (!process.isAlive()) {
                throw new AssertionError("berth serve exited " + process.exitValue() + ":\n" + read(log));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("berth serve did not listen within " + PATIENCE + ":\n" + read(log));
    }

    /**
     * A config.yml on a free loopback port with {@code storage} as given (indented under
     * {@code storage:}); info logging, so the bound address shows.
     */
    static Path config(Path work, String storage) throws IOException {
        String indented = storage.stripTrailing().lines().map(line -> "  " + line)
                .reduce((a, b) -> a + "\n" + b).orElse("");
        return Files.writeString(Files.createTempFile(work, "config", ".yml"), """
                version: 0.1
                log:
                  level: info
                http:
                  addr: 127.0.0.1:0
                  secret: registry-app-test
                storage:
                """ + indented + "\n");
    }

    private static Process start(Path work, Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A short-lived server on a shared machine: C1 only and the serial collector.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", path().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // The test's own environment must not reconfigure the program under test.
        builder.environment().keySet().removeIf(name -> name.startsWith("REGISTRY_"));
        return builder.start();
    }

    static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** A running {@code berth serve}; closing it sends SIGTERM and waits for a clean stop. */
    record Serving(Process process, Path log, URI baseUri) implements AutoCloseable {

        String output() throws IOException {
            return read(log);
        }

        @Override
        public void close() throws IOException {
            process.destroy();
            try {
                if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError("berth serve did not stop on SIGTERM:\n" + output());
                }
                if (!output().contains("stopped")) {
                    throw new AssertionError("berth serve exited without its clean stop:\n" + output());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while berth serve was stopping");
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
