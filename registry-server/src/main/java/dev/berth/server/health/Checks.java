package dev.berth.server.health;

import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The checks distribution offers in {@code config.yml}, with its messages. */
public final class Checks {

    private Checks() {
    }

    /**
     * {@code health.storagedriver}: a stat of the storage root, as distribution does. A root that
     * does not exist yet (an empty registry) is healthy; any other error is not.
     */
    public static HealthCheck storageDriver(StorageDriver driver) {
        return () -> {
            try {
                driver.stat("/");
            } catch (PathNotFoundException empty) {
                // a fresh registry has no root yet
            }
        };
    }

    /** distribution's name for the storage check: {@code storagedriver_<driver>}. */
    public static String storageDriverName(StorageDriver driver) {
        return "storagedriver_" + driver.name();
    }

    /** {@code health.file}: unhealthy while the file exists (how an operator drains a node). */
    public static HealthCheck file(Path file) {
        return () -> {
            if (Files.exists(file)) {
                throw new IllegalStateException("file exists");
            }
        };
    }

    /**
     * {@code health.http}: a GET of {@code uri} with {@code headers} must answer {@code statusCode}.
     * A zero timeout leaves the client's own timeouts.
     */
    public static HealthCheck http(OkHttpClient client, URI uri, Map<String, List<String>> headers, int statusCode,
            Duration timeout) {
        OkHttpClient timed = timeout.isZero() ? client
                : client.newBuilder().callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
        Request.Builder builder = new Request.Builder().url(uri.toString()).get();
        headers.forEach((name, values) -> values.forEach(value -> builder.addHeader(name, value)));
        Request request = builder.build();
        return () -> {
            try (Response response = timed.newCall(request).execute()) {
                if (response.code() != statusCode) {
                    throw new IllegalStateException("downstream service returned unexpected status: " + response.code());
                }
            } catch (IOException e) {
                throw new IOException("error while checking: " + e.getMessage(), e);
            }
        };
    }

    /**
     * {@code health.tcp}: a connection to {@code host:port} must open within the timeout
     * (a zero timeout waits {@code fallback}, so that a black-holed address cannot stall the probes).
     */
    public static HealthCheck tcp(String address, Duration timeout, Duration fallback) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("health.tcp addr must be host:port, not '" + address + "'");
        }
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(address.substring(colon + 1));
        int millis = (int) Math.min(Integer.MAX_VALUE, (timeout.isZero() ? fallback : timeout).toMillis());
        return () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), millis);
            } catch (IOException e) {
                throw new IOException("connection to " + address + " failed", e);
            }
        };
    }
}
