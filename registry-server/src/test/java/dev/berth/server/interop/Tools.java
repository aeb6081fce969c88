package dev.berth.server.interop;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The real programs the interop tests drive, found on the PATH; a test is skipped, saying why, when one is missing. */
public final class Tools {

    private static final long TIMEOUT_SECONDS = 120;

    private Tools() {
    }

    public static Path require(String program) {
        Optional<Path> found = find(program);
        Assumptions.assumeTrue(found.isPresent(), program + " is not installed (.ci/run installs it with apt-get)");
        return found.get();
    }

    static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs a command to completion and returns its standard output; fails with its output when it fails. */
    public static String run(Path workDirectory, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(workDirectory, "command", ".log");
        Process process = new ProcessBuilder(command).directory(workDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + "s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
        }
        return output;
    }

    /** skopeo with no policy file needed and TLS off for loopback registries. */
    public static List<String> skopeo(String... arguments) {
        List<String> command = new ArrayList<>(List.of(require("skopeo").toString(), "--insecure-policy"));
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * The config.yml both registries run with in these tests: filesystem storage under
     * {@code rootDirectory}, delete on, no upload purging, no access log, and {@code httpLines}
     * (already indented under {@code http:}).
     */
    static String configYml(Path rootDirectory, String httpLines) {
        return """
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  secret: interop-test
                """.formatted(rootDirectory.toAbsolutePath()) + httpLines;
    }

    /** A loopback port that was free a moment ago, for programs that cannot be told to pick one. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
