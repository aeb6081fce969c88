package dev.berth.examples.tokenauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.berth.auth.keys.KeyPairs;
import dev.berth.server.config.AssembledRegistry;
import dev.berth.server.config.RegistryConfig;
import dev.berth.server.config.ServerAssembly;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole GitLab architecture on one machine: the example issues tokens, Berth assembled
 * from a config.yml (as {@code berth serve} does) verifies them, and real clients — skopeo
 * and Jib — log in, push and pull through the token flow; permissions from the example's
 * project rules hold at the registry.
 */
class TokenFlowEndToEndTest {

    @TempDir
    static Path work;
    static TokenAuthExample tokens;
    static AssembledRegistry registry;
    static String host;

    @BeforeAll
    static void start() throws Exception {
        tokens = TokenAuthExample.start(0, work.resolve("token-auth"), 4);
        // Over TLS: clients told to skip verification try HTTPS first, and the JDK server would
        // sit on a TLS hello sent to a plain port until the client times out.
        KeyPairs.generate(KeyPairs.Kind.EC_P256, "127.0.0.1", Duration.ofDays(1), Clock.systemUTC())
                .write(work.resolve("tls.key"), work.resolve("tls.crt"));
        RegistryConfig config = RegistryConfig.parse("""
                version: 0.1
                log:
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:0
                  secret: token-flow-test
                  tls:
                    certificate: %s
                    key: %s
                %s""".formatted(work.resolve("storage"), work.resolve("tls.crt"), work.resolve("tls.key"),
                tokens.configSnippet()), "token flow config", Map.of());
        registry = ServerAssembly.builder(config).build().start();
        host = registry.baseUri().getAuthority();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (tokens != null) {
            tokens.close();
        }
    }

    @Test
    void skopeoLogsInPushesAndPullsThroughTheTokenFlow() throws Exception {
        assumeTrue(onPath("skopeo"), "skopeo is not installed (.ci/run installs it)");
        String digest = TinyOciLayout.write(work.resolve("layout"), "v1", "hello through tokens");
        Path auth = work.resolve("auth.json");
        skopeo(0, "login", "--tls-verify=false", "--authfile", auth.toString(), "-u", "alice", "-p", "alice-password", host);
        skopeo(0, "copy", "--authfile", auth.toString(), "--dest-tls-verify=false", "--preserve-digests",
                "oci:" + work.resolve("layout") + ":v1", "docker://" + host + "/acme/web/app:v1");
        skopeo(0, "copy", "--authfile", auth.toString(), "--src-tls-verify=false",
                "docker://" + host + "/acme/web/app:v1", "oci:" + work.resolve("pulled") + ":v1");
        assertThat(Files.readString(work.resolve("pulled/index.json"))).contains(digest);

        // bob reports on acme/api: his push is refused by the registry, with the token's scope.
        String bobPush = skopeo(1, "copy", "--dest-creds", "bob:bob-password", "--dest-tls-verify=false",
                "oci:" + work.resolve("layout") + ":v1", "docker://" + host + "/acme/api/app:v1");
        assertThat(bobPush.toLowerCase()).containsAnyOf("unauthorized", "denied", "authentication required");
        // Nobody anonymous sees a private project; a wrong password does not log in.
        skopeo(1, "inspect", "--raw", "--tls-verify=false", "--no-creds", "docker://" + host + "/acme/web/app:v1");
        skopeo(1, "login", "--tls-verify=false", "--authfile", work.resolve("bad.json").toString(), "-u", "alice",
                "-p", "wrong", host);
    }

    @Test
    void jibPushesThroughTheSameFlow() throws Exception {
        Path app = Files.writeString(work.resolve("hello.txt"), "hello from jib through tokens");
        // The example's realm is plain HTTP on loopback; Jib sends credentials there only when told.
        String previous = System.setProperty("sendCredentialsOverHttp", "true");
        try {
            JibContainer container = Jib.fromScratch().addLayer(List.of(app), AbsoluteUnixPath.get("/app"))
                    .containerize(containerizer("acme/web/jib:latest", "bob", "bob-password"));
            assertThat(container.getDigest().toString()).startsWith("sha256:");
            assertThatThrownBy(() -> Jib.fromScratch().addLayer(List.of(app), AbsoluteUnixPath.get("/app"))
                    .containerize(containerizer("acme/api/jib:latest", "bob", "bob-password")))
                    .hasStackTraceContaining("401");
        } finally {
            if (previous == null) {
                System.clearProperty("sendCredentialsOverHttp");
            } else {
                System.setProperty("sendCredentialsOverHttp", previous);
            }
        }
    }

    static Containerizer containerizer(String repository, String user, String password) throws Exception {
        return Containerizer.to(RegistryImage.named(host + "/" + repository).addCredential(user, password))
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(work.resolve("jib-base"))
                .setApplicationLayersCache(work.resolve("jib-app"))
                .setToolName("berth-token-flow-test");
    }

    static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs skopeo, asserts its exit code (0, or non-zero for {@code 1}), returns its output. */
    static String skopeo(int expected, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(work, "skopeo", ".log");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 120 s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (expected == 0) {
            assertThat(process.exitValue()).as("%s:%n%s", command, output).isZero();
        } else {
            assertThat(process.exitValue()).as("%s should fail:%n%s", command, output).isNotZero();
        }
        return output;
    }
}
