package dev.berth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.server.conformance.TestClient;
import dev.berth.server.conformance.TestRegistries;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** close() lets a request in flight finish, and turns new ones away: on the JDK server, and on each other transport a subclass names. */
public class GracefulStopTest {

    /** The transport under test. */
    protected ServerTransport transport() {
        return ServerTransport.jdk();
    }

    @Test
    void closeWaitsForTheRequestInFlightAndRefusesNewOnes() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RegistryServer server = RegistryServer.builder().transport(transport())
                .registry(TestRegistries.inMemory()).port(0).httpSecret("s")
                .shutdownGrace(Duration.ofSeconds(20))
                .interceptor(chain -> {
                    if (chain.request().path().equals("/v2/")) {
                        entered.countDown();
                        try {
                            release.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return chain.proceed(chain.request());
                })
                .build().start();
        TestClient client = new TestClient(server.baseUri());
        CompletableFuture<TestClient.Response> inFlight = CompletableFuture.supplyAsync(() -> client.get("/v2/"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        // While closing, a new request is answered 503 rather than started.
        TestClient.Response refused = pollUntilRefused(client);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(closing).isNotDone();
        release.countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        closing.get(10, TimeUnit.SECONDS);
    }

    private static TestClient.Response pollUntilRefused(TestClient client) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            TestClient.Response response = client.get("/v2/_catalog");
            if (response.status() == 503) {
                return response;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the closing server kept accepting requests");
    }
}
