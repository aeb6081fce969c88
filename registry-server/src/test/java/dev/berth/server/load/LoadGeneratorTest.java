package dev.berth.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.server.RegistryServer;
import dev.berth.server.conformance.TestRegistries;
import dev.berth.storage.StorageRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The load program's client speaks enough HTTP to be trusted with its figures: what it pushes
 * is stored under the digest it computed (a PUT with a wrong digest is refused), what it pulls
 * is counted to the byte, and a connection stays usable after error bodies.
 */
class LoadGeneratorTest {

    @Test
    void pushesPullsAndGetsManifestsOverOneKeptConnection() throws Exception {
        StorageRegistry registry = TestRegistries.inMemory();
        try (RegistryServer server = RegistryServer.builder().registry(registry).httpSecret("load").port(0)
                .build().start();
                KeepAliveConnection connection = new KeepAliveConnection(server.baseUri())) {
            LoadGenerator load = new LoadGenerator(server.baseUri(), "bench/test", 1);
            long size = (3L << 20) + 5; // whole MiB stamps and a short last piece
            for (int index = 0; index < 3; index++) {
                String digest = LoadGenerator.ContentBody.digest(index, size);
                load.push(connection, index, size, digest);
                load.pull(connection, digest, size);
                assertThat(registry.repository(RepositoryName.parse("bench/test")).blobs()
                        .stat(Digest.parse(digest)).orElseThrow().size()).isEqualTo(size);
            }
            load.pushManifest(connection, LoadGenerator.ContentBody.digest(0, size), size);
            load.getManifest(connection);

            KeepAliveConnection.Response missing = connection.exchange("GET",
                    "/v2/bench/test/blobs/sha256:" + "0".repeat(64), Map.of(), null);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.bodyBytes()).isPositive();
            load.getManifest(connection); // the error body was read to its end
            assertThatThrownBy(() -> load.pull(connection, LoadGenerator.ContentBody.digest(1, size), size - 1))
                    .isInstanceOf(IOException.class).hasMessageContaining("bytes, not");
        }
    }

    @Test
    void loadsSeveralRegistriesInTurnsThatChangeOrderEachRound() throws Exception {
        try (RegistryServer a = server(); RegistryServer b = server()) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            LoadGenerator.run(new String[] {a.baseUri().toString(), b.baseUri().toString(), "--label", "a,b",
                "--blobs", "2", "--size", "4K", "--clients", "2", "--manifest-gets", "3", "--warmup", "0",
                "--rounds", "3"}, new PrintStream(printed, true, StandardCharsets.UTF_8));

            List<String> pushes = printed.toString(StandardCharsets.UTF_8).lines()
                    .filter(line -> line.contains(" push ")).map(line -> line.substring(0, line.indexOf(' ')) + " "
                            + line.substring(line.lastIndexOf('[')))
                    .toList();
            assertThat(pushes).containsExactly("a [round 1]", "b [round 1]", "b [round 2]", "a [round 2]",
                    "a [round 3]", "b [round 3]", "a [median of 3]", "b [median of 3]");
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("a manifest GET x 3", "b manifest GET x 3");
        }
    }

    @Test
    void refusesLabelsThatDoNotMatchTheRegistries() {
        assertThatThrownBy(() -> LoadGenerator.run(new String[] {"http://127.0.0.1:1/", "--label", "a,b"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one label");
        assertThatThrownBy(() -> LoadGenerator.run(new String[0], System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("usage:");
    }

    private static RegistryServer server() {
        return RegistryServer.builder().registry(TestRegistries.inMemory()).httpSecret("load").port(0).build().start();
    }
}
