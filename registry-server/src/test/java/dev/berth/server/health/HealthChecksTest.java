package dev.berth.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.storage.driver.FileInfo;
import dev.berth.storage.driver.ForwardingStorageDriver;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthChecksTest {

    /** Long enough that only the first, immediate probe and explicit {@code probeAll()} calls run. */
    private static final Duration RARELY = Duration.ofHours(1);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HealthChecks checks = new HealthChecks(scheduler, Clock.systemUTC());

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        checks.close();
        scheduler.shutdownNow();
    }

    @Test
    void aCheckTurnsUnhealthyOnlyAfterThresholdFailuresInARowAndRecoversOnOneSuccess() {
        AtomicBoolean broken = new AtomicBoolean(true);
        checks.register("flaky", () -> {
            if (broken.get()) {
                throw new IOException("down");
            }
        }, RARELY, 3);
        awaitFirstProbe();
        checks.probeAll();
        assertThat(checks.failures()).isEmpty();
        checks.probeAll(); // the third failure in a row
        assertThat(checks.failures()).containsEntry("flaky", "down");
        assertThat(checks.healthy()).isFalse();
        broken.set(false);
        checks.probeAll();
        assertThat(checks.healthy()).isTrue();
        assertThat(checks.statuses().get(0).failures()).isZero();
    }

    @Test
    void withoutAThresholdTheFirstFailureCounts() {
        checks.register("once", () -> {
            throw new IllegalStateException("broken");
        }, RARELY, 0);
        checks.probeAll();
        assertThat(checks.failures()).containsExactly(Map.entry("once", "broken"));
    }

    @Test
    void theStorageCheckStatsTheRootAndTakesAnEmptyRegistryAsHealthy() throws Exception {
        StorageDriver empty = new InMemoryDriver();
        Checks.storageDriver(empty).check();
        AtomicBoolean fail = new AtomicBoolean();
        StorageDriver failing = new ForwardingStorageDriver(empty) {
            @Override
            public FileInfo stat(String path) throws IOException {
                if (fail.get()) {
                    throw new IOException("disk gone");
                }
                return super.stat(path);
            }
        };
        checks.register(Checks.storageDriverName(failing), Checks.storageDriver(failing), RARELY, 1);
        checks.probeAll();
        assertThat(checks.healthy()).isTrue();
        fail.set(true);
        checks.probeAll();
        assertThat(checks.failures()).containsEntry("storagedriver_inmemory", "disk gone");
    }

    @Test
    void theFileCheckFailsWhileTheFileExists() throws Exception {
        Path drain = dir.resolve("drain");
        HealthCheck check = Checks.file(drain);
        check.check();
        Files.createFile(drain);
        checks.register(drain.toString(), check, RARELY, 0);
        checks.probeAll();
        assertThat(checks.failures()).containsEntry(drain.toString(), "file exists");
    }

    @Test
    void theHttpCheckWantsTheConfiguredStatusAndSendsTheHeaders() throws Exception {
        OkHttpClient client = new OkHttpClient();
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder().code(204).build());
            server.enqueue(new MockResponse.Builder().code(500).build());
            checks.register("http", Checks.http(client, server.url("/ping").uri(), Map.of("X-Probe", List.of("yes")),
                    204, Duration.ofSeconds(5)), RARELY, 0);
            awaitFirstProbe();
            assertThat(checks.healthy()).isTrue();
            assertThat(server.takeRequest().getHeaders().get("X-Probe")).isEqualTo("yes");
            checks.probeAll();
            assertThat(checks.failures()).containsEntry("http", "downstream service returned unexpected status: 500");
        } finally {
            client.dispatcher().executorService().shutdown();
        }
    }

    @Test
    void theTcpCheckFailsWhenNothingListens() throws Exception {
        String address;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            address = "127.0.0.1:" + socket.getLocalPort();
            Checks.tcp(address, Duration.ofSeconds(5), Duration.ofSeconds(5)).check();
        }
        checks.register(address, Checks.tcp(address, Duration.ZERO, Duration.ofSeconds(5)), RARELY, 0);
        checks.probeAll();
        assertThat(checks.failures()).containsEntry(address, "connection to " + address + " failed");
    }

    private void awaitFirstProbe() {
        for (int i = 0; i < 3000 && checks.statuses().stream().anyMatch(s -> s.checkedAt().getEpochSecond() == 0); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
