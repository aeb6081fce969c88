package dev.berth.server.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Load against any registry (Berth, distribution): pushes {@code N} blobs of {@code S} bytes
 * with {@code C} concurrent clients the way docker does (POST, one streamed PATCH, PUT with the
 * digest), pulls them back, then GETs a manifest by tag {@code M} times; prints MB/s and req/s.
 * Nothing is held in memory: content is generated and hashed as it streams.
 *
 * <pre>java ... LoadGenerator http://127.0.0.1:5000 --blobs 64 --size 16M --clients 32 --manifest-gets 20000</pre>
 *
 * <p>A program, not a test: it measures and asserts nothing but that the registry answered.
 */
public final class LoadGenerator {

    private final URI base;
    private final String repo;
    private final int clients;
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

    private final OkHttpClient http;

    private LoadGenerator(URI base, String repo, int clients) {
        this.base = base;
        this.repo = repo;
        this.clients = clients;
        ConnectionPool pool = new ConnectionPool(clients, 5, TimeUnit.MINUTES);
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(clients);
        dispatcher.setMaxRequestsPerHost(clients);
        this.http = new OkHttpClient.Builder().connectionPool(pool).dispatcher(dispatcher)
                .protocols(List.of(Protocol.HTTP_1_1)).retryOnConnectionFailure(false)
                .readTimeout(Duration.ofMinutes(10)).writeTimeout(Duration.ofMinutes(10)).build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LoadGenerator <registry-url> [--blobs N] [--size S[K|M|G]] [--clients C]"
                    + " [--manifest-gets M] [--repo name] [--label text] [--server-pid PID] [--warmup true|false]");
            System.exit(2);
        }
        int blobs = 32;
        long size = 16L << 20;
        int clients = 32;
        int manifestGets = 10_000;
        String repo = "bench/load-" + Long.toHexString(System.nanoTime());
        String label = args[0];
        long serverPid = -1;
        boolean warmup = true;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--blobs" -> blobs = Integer.parseInt(args[i + 1]);
                case "--size" -> size = parseSize(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--manifest-gets" -> manifestGets = Integer.parseInt(args[i + 1]);
                case "--repo" -> repo = args[i + 1];
                case "--label" -> label = args[i + 1];
                case "--server-pid" -> serverPid = Long.parseLong(args[i + 1]);
                case "--warmup" -> warmup = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String base = args[0].endsWith("/") ? args[0] : args[0] + "/";
        long blobSize = size;
        LoadGenerator load = new LoadGenerator(URI.create(base), repo, clients);
        CpuUse cpu = new CpuUse(serverPid, ProcessHandle.current().pid());
        if (warmup) {
            // A JVM server compiles its hot paths over its first seconds (the program's Jetty
            // still spent a fifth of its CPU in the compiler after a shorter warm-up): measure it
            // warm, as it runs, after the same work once unmeasured. Blobs of another size, so
            // the measured pushes store new content.
            LoadGenerator warm = new LoadGenerator(URI.create(base), repo + "-warmup", clients);
            long warmSize = size - 1;
            List<String> warmDigests = warm.digests(blobs, warmSize);
            warm.timed(blobs, index -> warm.push(index, warmSize, warmDigests.get(index)));
            warm.timed(blobs, index -> warm.pull(warmDigests.get(index), warmSize));
            warm.pushManifest(warmDigests.get(0), warmSize);
            warm.timed(manifestGets, index -> warm.getManifest());
        }
        double megabytes = blobs * size / 1e6;
        cpu.mark();
        List<String> digests = load.digests(blobs, blobSize);
        // The floor under every registry's push: it hashes each byte it receives.
        System.out.printf("%s sha256 of the blobs on this client: %.0f MB per CPU-second%n", label,
                megabytes / cpu.clientSeconds());
        cpu.mark();
        double pushSeconds = load.timed(blobs, index -> load.push(index, blobSize, digests.get(index)));
        System.out.printf("%s push     %d x %s, %d clients: %.1f MB/s (%.2f s)%s%n", label, blobs, human(size), clients,
                megabytes / pushSeconds, pushSeconds, cpu.per(megabytes, "MB"));
        double pullSeconds = load.timed(blobs, index -> load.pull(digests.get(index), blobSize));
        System.out.printf("%s pull     %d x %s, %d clients: %.1f MB/s (%.2f s)%s%n", label, blobs, human(size), clients,
                megabytes / pullSeconds, pullSeconds, cpu.per(megabytes, "MB"));
        if (manifestGets > 0) {
            load.pushManifest(digests.get(0), size);
            cpu.mark();
            double manifestSeconds = load.timed(manifestGets, index -> load.getManifest());
            System.out.printf("%s manifest GET x %d, %d clients: %.0f req/s (%.2f s)%s%n", label, manifestGets, clients,
                    manifestGets / manifestSeconds, manifestSeconds, cpu.per(manifestGets, "req"));
        }
        System.exit(0);
    }

    /**
     * The digests of blobs {@code 0..count-1}, computed before any timed run: clients such as
     * skopeo and Jib know a layer's digest before they push it, and on a machine the client
     * shares with the server, hashing while sending would take CPU from the server measured.
     */
    private List<String> digests(int count, long size) throws Exception {
        String[] digests = new String[count];
        timed(count, index -> digests[index] = ContentBody.digest(index, size));
        return List.of(digests);
    }

    /** Runs {@code count} tasks on {@code clients} threads; returns the wall time in seconds. */
    private double timed(int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients, daemon());
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    try {
                        task.run(i);
                    } catch (Exception e) {
                        if (failures.incrementAndGet() < 5) {
                            e.printStackTrace();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + count + " requests failed");
        }
        return seconds;
    }

    private void push(int index, long size, String digest) throws IOException {
        HttpUrl started = location(send(new Request.Builder().url(url("v2/" + repo + "/blobs/uploads/"))
                .post(RequestBody.create(new byte[0])), 202));
        HttpUrl patched = location(send(new Request.Builder().url(started)
                .patch(new ContentBody(index, size)), 202));
        send(new Request.Builder().url(patched.newBuilder().addQueryParameter("digest", digest).build())
                .put(RequestBody.create(new byte[0])), 201);
    }

    private void pull(String digest, long size) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url("v2/" + repo + "/blobs/" + digest)).build())
                .execute()) {
            long read = 0;
            try (InputStream in = response.body().byteStream()) {
                byte[] buffer = new byte[256 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    read += n;
                }
            }
            if (response.code() != 200 || read != size) {
                throw new IOException("pull of " + digest + ": " + response.code() + ", " + read + " bytes");
            }
        }
    }

    private void pushManifest(String layerDigest, long layerSize) throws IOException {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = "sha256:" + HexFormat.of().formatHex(sha256().digest(config));
        // POST then PUT: distribution 2.8 answers a monolithic POST ?digest= with 202 and ignores the body.
        HttpUrl upload = location(send(new Request.Builder().url(url("v2/" + repo + "/blobs/uploads/"))
                .post(RequestBody.create(new byte[0])), 202));
        send(new Request.Builder().url(upload.newBuilder().addQueryParameter("digest", configDigest).build())
                .put(RequestBody.create(config)), 201);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest + "\",\"size\":" + layerSize
                + "}]}";
        send(new Request.Builder().url(url("v2/" + repo + "/manifests/bench"))
                .put(RequestBody.create(manifest, MediaType.get(MANIFEST_TYPE))), 201);
    }

    private void getManifest() throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url("v2/" + repo + "/manifests/bench"))
                .header("Accept", MANIFEST_TYPE).build()).execute()) {
            if (response.code() != 200 || response.body().bytes().length == 0) {
                throw new IOException("manifest GET: " + response.code());
            }
        }
    }

    private Response send(Request.Builder builder, int expected) throws IOException {
        Request request = builder.build();
        Response response = http.newCall(request).execute();
        response.close();
        if (response.code() != expected) {
            throw new IOException(request.method() + " " + request.url() + ": " + response.code());
        }
        return response;
    }

    private HttpUrl url(String path) {
        return HttpUrl.get(base.resolve(path).toString());
    }

    private static HttpUrl location(Response response) {
        String location = response.header("Location");
        if (location == null) {
            throw new IllegalStateException("no Location");
        }
        return response.request().url().resolve(location);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        };
    }

    static long parseSize(String text) {
        char unit = Character.toUpperCase(text.charAt(text.length() - 1));
        long scale = switch (unit) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(scale == 1 ? text : text.substring(0, text.length() - 1)) * scale;
    }

    static String human(long bytes) {
        return bytes >= 1L << 30 ? (bytes >> 30) + "GiB" : bytes >= 1L << 20 ? (bytes >> 20) + "MiB" : bytes + "B";
    }

    /**
     * The CPU time (Linux {@code /proc/<pid>/stat}, user + system) the server and this client
     * spent, so that servers can be compared by work per byte even on a machine others are
     * loading too, and so that the client's share of a machine both run on shows.
     */
    private static final class CpuUse {
        private static final double TICKS_PER_SECOND = 100;
        private final long serverPid;
        private final long clientPid;
        private long lastServer;
        private long lastClient;

        CpuUse(long serverPid, long clientPid) {
            this.serverPid = serverPid;
            this.clientPid = clientPid;
        }

        void mark() throws IOException {
            lastServer = ticks(serverPid);
            lastClient = ticks(clientPid);
        }

        /** The client's CPU seconds since the last mark (which moves here). */
        double clientSeconds() throws IOException {
            long client = ticks(clientPid);
            double seconds = (client - lastClient) / TICKS_PER_SECOND;
            lastClient = client;
            return seconds;
        }

        /**
         * ", client CPU 0.91 s, server CPU 1.23 s, 456 MB per CPU-second" since the last mark
         * (which moves here); the server's part only when its pid is known.
         */
        String per(double amount, String unit) throws IOException {
            String text = String.format(", client CPU %.2f s", clientSeconds());
            if (serverPid >= 0) {
                long server = ticks(serverPid);
                double seconds = (server - lastServer) / TICKS_PER_SECOND;
                lastServer = server;
                text += String.format(", server CPU %.2f s, %.0f %s per CPU-second", seconds, amount / seconds, unit);
            }
            return text;
        }

        private static long ticks(long pid) throws IOException {
            if (pid < 0) {
                return 0;
            }
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
    }

    @FunctionalInterface
    private interface Task {
        void run(int index) throws Exception;
    }

    /**
     * {@code size} bytes unique to blob {@code index}, hashed as they are written: a random
     * 1 MiB pattern with the blob and MiB numbers stamped into every MiB. Never held whole.
     */
    private static final class ContentBody extends RequestBody {
        private static final byte[] PATTERN = new byte[1 << 20];

        static {
            new Random(7).nextBytes(PATTERN);
        }

        private final int index;
        private final long size;

        ContentBody(int index, long size) {
            this.index = index;
            this.size = size;
        }

        /** The digest of blob {@code index} of {@code size} bytes, as {@code sha256:<hex>}. */
        static String digest(int index, long size) {
            MessageDigest sha256 = LoadGenerator.sha256();
            generate(index, size, sha256::update);
            return "sha256:" + HexFormat.of().formatHex(sha256.digest());
        }

        @Override
        public MediaType contentType() {
            return MediaType.get("application/octet-stream");
        }

        @Override
        public long contentLength() {
            return size;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            generate(index, size, sink::write);
        }

        private static <E extends Exception> void generate(int index, long size, Chunks<E> to) throws E {
            byte[] chunk = PATTERN.clone();
            for (long position = 0; position < size; position += chunk.length) {
                int n = (int) Math.min(chunk.length, size - position);
                long stamp = ((long) index << 32) ^ (position >>> 20);
                for (int i = 0; i < 8 && i < n; i++) {
                    chunk[i] = (byte) (stamp >>> (8 * i));
                }
                to.accept(chunk, 0, n);
            }
        }

        @FunctionalInterface
        private interface Chunks<E extends Exception> {
            void accept(byte[] bytes, int offset, int length) throws E;
        }
    }
}
