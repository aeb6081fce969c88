package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as built: what it contains, and the program run from it on the local drivers. */
class BerthJarIT {

    private static final String FACTORIES = "META-INF/services/dev.berth.storage.driver.StorageDriverFactory";
    private static final Pattern AVAILABLE = Pattern.compile("available: ([a-z0-9, ]+)");

    @TempDir
    Path work;

    @Test
    void versionNamesTheBuild() throws Exception {
        BerthJar.Result result = BerthJar.run(work, "--version");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().strip()).isEqualTo("berth " + System.getProperty("berth.version"));
    }

    @Test
    void unknownDriverIsRefusedNamingAllFiveDriversTheJarCarries() throws Exception {
        Path config = BerthJar.config(work, "nosuchdriver: {}");

        BerthJar.Result result = BerthJar.run(work, "serve", config.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        Matcher available = AVAILABLE.matcher(result.output());
        assertThat(available.find()).as(result.output()).isTrue();
        assertThat(Arrays.stream(available.group(1).split(",")).map(String::strip))
                .containsExactlyInAnyOrder("azure", "filesystem", "gcs", "inmemory", "s3");
    }

    @Test
    void servicesFileMergesEveryDriverFactory() throws IOException {
        try (JarFile jar = new JarFile(BerthJar.path().toFile())) {
            JarEntry services = jar.getJarEntry(FACTORIES);
            assertThat(services).as(FACTORIES).isNotNull();
            List<String> factories;
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(jar.getInputStream(services), StandardCharsets.UTF_8))) {
                factories = reader.lines().map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toList());
            }
            assertThat(factories).containsExactlyInAnyOrder(
                    "dev.berth.storage.filesystem.FilesystemDriverFactory",
                    "dev.berth.storage.inmemory.InMemoryDriverFactory",
                    "dev.berth.storage.s3.S3DriverFactory",
                    "dev.berth.storage.azure.AzureDriverFactory",
                    "dev.berth.storage.gcs.GcsDriverFactory");
            for (String factory : factories) {
                assertThat(jar.getJarEntry(factory.replace('.', '/') + ".class")).as(factory).isNotNull();
            }
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("dev.berth.server.cli.Main");
        }
    }

    /**
     * The drivers talk HTTP through the JDK's and Apache's clients; Netty is excluded (its
     * versions clash between the SDKs), and so is the GCS SDK's gRPC transport with its shaded
     * copy. Signature files of the original jars would not match the merged one and make the
     * JVM refuse it.
     */
    @Test
    void jarHasNoNettyAndNoSignatureFiles() throws IOException {
        try (JarFile jar = new JarFile(BerthJar.path().toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).collect(Collectors.toList());
            assertThat(names).isNotEmpty()
                    .noneMatch(name -> name.startsWith("io/netty/"))
                    .noneMatch(name -> name.startsWith("io/grpc/netty/"))
                    .noneMatch(name -> name.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"));
        }
    }

    @Test
    void servesAndPullsBackAnImageOnFilesystemStorage() throws Exception {
        Path root = work.resolve("data");
        Path config = BerthJar.config(work, "filesystem:\n  rootdirectory: " + root);

        try (BerthJar.Serving berth = BerthJar.serve(work, config)) {
            ImageRoundTrip.pushAndPull(berth);
        }
        assertThat(root.resolve("docker/registry/v2/repositories/app/round-trip/_manifests/tags/1.0/current/link"))
                .isRegularFile();
    }

    @Test
    void servesAndPullsBackAnImageOnInMemoryStorage() throws Exception {
        Path config = BerthJar.config(work, "inmemory: {}");

        try (BerthJar.Serving berth = BerthJar.serve(work, config)) {
            ImageRoundTrip.pushAndPull(berth);
        }
        assertThat(Files.exists(work.resolve("registry-data"))).as("nothing written to the default directory").isFalse();
    }
}
