package dev.berth.server.load;

import dev.berth.server.load.KeepAliveConnection.Body;
import dev.berth.server.load.KeepAliveConnection.Response;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load against any registry (Berth, distribution): pushes {@code N} blobs of {@code S} bytes
 * with {@code C} concurrent clients the way docker does (POST, one streamed PATCH, PUT with the
 * digest), pulls them back, then GETs a manifest by tag {@code M} times; prints MB/s and req/s.
 * Nothing is held in memory: content is generated as it streams. Each client keeps one
 * connection ({@link KeepAliveConnection}, which costs the client little CPU: on one machine,
 * the client's CPU is taken from the server measured). Given several registries, it loads them
 * in turns, round by round, so that they are compared in the same state of the machine.
 *
 * <pre>java ... LoadGenerator http://127.0.0.1:5000 --blobs 64 --size 16M --clients 32 --manifest-gets 20000
 * java ... LoadGenerator http://127.0.0.1:5000 http://127.0.0.1:5001 --label berth,distribution --server-pid 11,12</pre>
 *
 * <p>A program, not a test: it measures and asserts nothing but that the registry answered.
 */
public final class LoadGenerator {

    private final URI base;
    private final String repo;
    private final int clients;
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private static final Map<String, String> OCTET_STREAM = Map.of("Content-Type", "application/octet-stream");

    LoadGenerator(URI base, String repo, int clients) {
        this.base = base;
        this.repo = repo;
        this.clients = clients;
    }

    public static void main(String[] args) throws Exception {
        run(args, System.out);
        System.exit(0);
    }

    /** The program, printing to {@code out}. */
    static void run(String[] args, PrintStream out) throws Exception {
        List<String> urls = new ArrayList<>();
        int at = 0;
        for (; at < args.length && !args[at].startsWith("--"); at++) {
            urls.add(args[at]);
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("usage: LoadGenerator <registry-url>... [--blobs N] [--size S[K|M|G]]"
                    + " [--clients C] [--manifest-gets M] [--repo name] [--label text,...] [--server-pid PID,...]"
                    + " [--warmup passes] [--rounds R] [--fresh-memory S[K|M|G]]");
        }
        int blobs = 32;
        long size = 16L << 20;
        int clients = 32;
        int manifestGets = 10_000;
        String repo = "bench/load-" + Long.toHexString(System.nanoTime());
        List<String> labels = urls;
        List<String> serverPids = null;
        int warmupPasses = 3;
        int rounds = 3;
        long freshMemory = 0;
        for (int i = at; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--blobs" -> blobs = Integer.parseInt(args[i + 1]);
                case "--size" -> size = parseSize(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--manifest-gets" -> manifestGets = Integer.parseInt(args[i + 1]);
                case "--repo" -> repo = args[i + 1];
                case "--label" -> labels = List.of(args[i + 1].split(","));
                case "--server-pid" -> serverPids = List.of(args[i + 1].split(","));
                case "--warmup" -> warmupPasses = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--fresh-memory" -> freshMemory = parseSize(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (labels.size() != urls.size() || (serverPids != null && serverPids.size() != urls.size())) {
            throw new IllegalArgumentException("give one label and one server pid per registry url");
        }
        List<Target> targets = new ArrayList<>();
        for (int t = 0; t < urls.size(); t++) {
            String url = urls.get(t).endsWith("/") ? urls.get(t) : urls.get(t) + "/";
            long serverPid = serverPids == null ? -1 : Long.parseLong(serverPids.get(t));
            targets.add(new Target(labels.get(t), new LoadGenerator(URI.create(url), repo, clients),
                    new CpuUse(serverPid, ProcessHandle.current().pid()), out));
        }
        List<WarmPass> warmPasses = new ArrayList<>();
        for (int pass = 1; pass <= warmupPasses; pass++) {
            warmPasses.add(WarmPass.of(targets.get(0).load, pass, blobs, size));
        }
        for (Target target : targets) {
            target.warmUp(warmPasses, size, manifestGets);
        }
        // Rounds of new content, each printed; then the median round of each, the result. Runs
        // on one machine vary by a third (page cache, writeback, the other process's threads), and
        // the machine's state drifts within a run: with several registries, their rounds take
        // turns, and the order turns each round (A B, B A, A B), so that drift falls on all alike.
        double megabytes = blobs * size / 1e6;
        String setup = String.format("%d x %s, %d clients", blobs, human(size), clients);
        CpuUse client = new CpuUse(-1, ProcessHandle.current().pid());
        for (int round = 1; round <= rounds; round++) {
            int first = (round - 1) * blobs;
            client.mark();
            List<String> digests = targets.get(0).load.digests(first, blobs, size);
            if (round == 1) {
                // The floor under every registry's push: it hashes each byte it receives.
                out.printf("%s sha256 of the blobs on this client: %.0f MB per CPU-second%n",
                        targets.get(0).label, megabytes / client.clientSeconds());
            }
            List<Target> order = new ArrayList<>(targets);
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (Target target : order) {
                recycleMemory(freshMemory);
                target.round(round, first, digests, size, megabytes, setup);
            }
        }
        for (Target target : targets) {
            out.println(Measured.median(target.pushes).line() + " [median of " + rounds + "]");
            out.println(Measured.median(target.pulls).line() + " [median of " + rounds + "]");
        }
        if (manifestGets > 0) {
            // A manifest of the first blob pushed (round 1's blob 0), hashed once for all.
            String layer = ContentBody.digest(0, size);
            for (Target target : targets) {
                target.getManifests(manifestGets, layer, size);
            }
        }
    }

    /**
     * Has a short-lived JVM touch {@code bytes} of memory and exit, so that the page cache the
     * next round writes gets pages this machine has just used. On a virtual machine that hands
     * free memory back to its host (virtio-balloon free page reporting, as here), the kernel's
     * copy into a page the host took back costs three to four times more: writing 2 GiB to
     * files took 0.75–1.0 s of CPU right after 6–8 GiB were touched and freed, and 2.6–3.7 s after
     * a minute idle. Which of the two a round met depended on what ran before it, a run before
     * deleting its data or a Go runtime returning its heap, so ratios swung by a third. A
     * server whose page cache fills its memory, as a registry's does in service, recycles pages
     * it used; this gives every round, of every registry, that state. 0: leave memory as it is.
     */
    private static void recycleMemory(long bytes) throws IOException, InterruptedException {
        if (bytes <= 0) {
            return;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process toucher = new ProcessBuilder(java.toString(), "-Xms" + bytes, "-Xmx" + bytes, "-XX:+AlwaysPreTouch", "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (toucher.waitFor() != 0) {
            throw new IOException("could not touch " + human(bytes) + " of memory (exit " + toucher.exitValue() + ")");
        }
    }

    /** One registry under load: its label, its client, the CPU its server used, its rounds so far. */
    private record Target(String label, LoadGenerator load, CpuUse cpu, PrintStream out, List<Measured> pushes,
            List<Measured> pulls) {

        Target(String label, LoadGenerator load, CpuUse cpu, PrintStream out) {
            this(label, load, cpu, out, new ArrayList<>(), new ArrayList<>());
        }

        /**
         * A JVM server compiles its hot paths over its first minutes of traffic: measure it as
         * it runs, warm, after pushes and pulls unmeasured, and the manifest GETs once. What
         * warms it is requests, not bytes. On a machine as busy as the load makes it, the
         * compiler falls behind and the JVM raises its thresholds with the length of its queue:
         * code run once per request was compiled fully only after some 60,000 calls (the
         * compilation log's hot counts), and until then it ran slowly, profiling itself, and the
         * compiler took a sixth of the server's CPU in the measured rounds. So each pass pushes
         * and pulls 8,192 small blobs (16 KiB: requests are what counts), of sizes the measured
         * blobs do not have, so that those store new content. Then it pushes and pulls one round
         * of the measured load itself, content of its own (see {@link WarmPass}):
         * small blobs alone leave a large body's paths (the copy loops, the periodic sync, a
         * response written in many parts) compiled from profiles that never took them, and 68
         * compiled methods were thrown away and compiled again during three measured rounds,
         * the compiler taking 4–9% of the server's CPU in them; after rounds of the measured
         * load, 0–1%. A registry without a JIT loses nothing by it.
         */
        void warmUp(List<WarmPass> passes, long size, int manifestGets) throws Exception {
            LoadGenerator warm = new LoadGenerator(load.base, load.repo + "-warmup", load.clients);
            for (WarmPass pass : passes) {
                warm.timed(pass.small().size(), (index, connection) -> warm.push(connection, index, pass.smallSize(),
                        pass.small().get(index)));
                warm.timed(pass.small().size(),
                        (index, connection) -> warm.pull(connection, pass.small().get(index), pass.smallSize()));
                warm.timed(pass.measured().size(), (index, connection) -> warm.push(connection,
                        pass.firstMeasured() + index, size, pass.measured().get(index)));
                warm.timed(pass.measured().size(),
                        (index, connection) -> warm.pull(connection, pass.measured().get(index), size));
            }
            if (!passes.isEmpty()) {
                WarmPass last = passes.get(passes.size() - 1);
                warm.timed(1,
                        (index, connection) -> warm.pushManifest(connection, last.small().get(0), last.smallSize()));
                warm.timed(manifestGets, (index, connection) -> warm.getManifest(connection));
            }
        }

        /** Pushes and pulls blobs {@code first..}, whose digests are given, and prints both. */
        void round(int round, int first, List<String> digests, long size, double megabytes, String setup)
                throws Exception {
            cpu.mark();
            double pushSeconds = load.timed(digests.size(),
                    (index, connection) -> load.push(connection, first + index, size, digests.get(index)));
            pushes.add(Measured.of(label, "push", setup, megabytes, pushSeconds, cpu.per(megabytes, "MB")));
            double pullSeconds = load.timed(digests.size(),
                    (index, connection) -> load.pull(connection, digests.get(index), size));
            pulls.add(Measured.of(label, "pull", setup, megabytes, pullSeconds, cpu.per(megabytes, "MB")));
            out.println(pushes.get(round - 1).line() + " [round " + round + "]");
            out.println(pulls.get(round - 1).line() + " [round " + round + "]");
        }

        /** Pushes a manifest of {@code layer} and GETs it {@code count} times; prints req/s. */
        void getManifests(int count, String layer, long layerSize) throws Exception {
            load.timed(1, (index, connection) -> load.pushManifest(connection, layer, layerSize));
            cpu.mark();
            double seconds = load.timed(count, (index, connection) -> load.getManifest(connection));
            out.printf("%s manifest GET x %d, %d clients: %.0f req/s (%.2f s)%s%n", label, count,
                    load.clients, count / seconds, seconds, cpu.per(count, "req"));
        }
    }

    /**
     * The digests of blobs {@code first..first+count-1}, computed before any timed run: clients
     * such as skopeo and Jib know a layer's digest before they push it, and on a machine the
     * client shares with the server, hashing while sending would take CPU from the server measured.
     */
    private List<String> digests(int first, int count, long size) throws Exception {
        String[] digests = new String[count];
        timed(count, (index, connection) -> digests[index] = ContentBody.digest(first + index, size));
        return List.of(digests);
    }

    /**
     * One warm-up pass's content, hashed once for every registry warmed: 8,192 small blobs of
     * {@code smallSize} bytes (a size the measured blobs do not have, one per pass, so that they
     * store new content), then as many blobs of the measured size as a round has, from content
     * index {@code firstMeasured}, far above any round's.
     */
    private record WarmPass(long smallSize, List<String> small, int firstMeasured, List<String> measured) {

        static WarmPass of(LoadGenerator hasher, int pass, int blobs, long size) throws Exception {
            long smallSize = Math.max(1, Math.min(size, 16 * 1024) - pass);
            int firstMeasured = (1 << 30) + (pass - 1) * blobs;
            return new WarmPass(smallSize, hasher.digests(0, 8192, smallSize), firstMeasured,
                    hasher.digests(firstMeasured, blobs, size));
        }
    }

    /** One round's rate and the line that reports it. */
    private record Measured(double rate, String line) {

        /** "berth push     64 x 16MiB, 32 clients: 512.0 MB/s (2.10 s), client CPU ..." */
        static Measured of(String label, String what, String setup, double megabytes, double seconds, String cpuUse) {
            double rate = megabytes / seconds;
            return new Measured(rate, String.format("%s %-8s %s: %.1f MB/s (%.2f s)%s", label, what, setup, rate,
                    seconds, cpuUse));
        }

        /** The middle round by rate (the lower middle of an even count). */
        static Measured median(List<Measured> rounds) {
            List<Measured> sorted = rounds.stream().sorted(Comparator.comparingDouble(Measured::rate)).toList();
            return sorted.get((sorted.size() - 1) / 2);
        }
    }

    /**
     * Runs {@code count} tasks on {@code clients} threads, each with its own connection (opened
     * on first use); returns the wall time in seconds.
     */
    private double timed(int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients, daemon());
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(base)) {
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        try {
                            task.run(i, connection);
                        } catch (Exception e) {
                            connection.disconnect(); // mid-response: the next request starts afresh
                            if (failures.incrementAndGet() < 5) {
                                e.printStackTrace();
                            }
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

    void push(KeepAliveConnection connection, int index, long size, String digest) throws IOException {
        String started = location(expect(connection.exchange("POST", path("blobs/uploads/"), Map.of(), null), 202));
        String patched = location(expect(connection.exchange("PATCH", started, OCTET_STREAM,
                new ContentBody(index, size)), 202));
        expect(connection.exchange("PUT", withDigest(patched, digest), OCTET_STREAM, null), 201);
    }

    void pull(KeepAliveConnection connection, String digest, long size) throws IOException {
        Response response = expect(connection.exchange("GET", path("blobs/" + digest), Map.of(), null), 200);
        if (response.bodyBytes() != size) {
            throw new IOException("pull of " + digest + ": " + response.bodyBytes() + " bytes, not " + size);
        }
    }

    void pushManifest(KeepAliveConnection connection, String layerDigest, long layerSize) throws IOException {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = "sha256:" + HexFormat.of().formatHex(sha256().digest(config));
        // POST then PUT: distribution 2.8 answers a monolithic POST ?digest= with 202 and ignores the body.
        String upload = location(expect(connection.exchange("POST", path("blobs/uploads/"), Map.of(), null), 202));
        expect(connection.exchange("PUT", withDigest(upload, configDigest), OCTET_STREAM, bytes(config)), 201);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest + "\",\"size\":" + layerSize
                + "}]}";
        expect(connection.exchange("PUT", path("manifests/bench"), Map.of("Content-Type", MANIFEST_TYPE),
                bytes(manifest.getBytes(StandardCharsets.UTF_8))), 201);
    }

    void getManifest(KeepAliveConnection connection) throws IOException {
        Response response = expect(connection.exchange("GET", path("manifests/bench"), Map.of("Accept", MANIFEST_TYPE),
                null), 200);
        if (response.bodyBytes() == 0) {
            throw new IOException("manifest GET: empty body");
        }
    }

    private static Response expect(Response response, int status) throws IOException {
        if (response.status() != status) {
            throw new IOException("expected " + status + ", got " + response.status() + " " + response.headers());
        }
        return response;
    }

    /** The request target (path and query) under this load's repository. */
    private String path(String rest) {
        return base.getRawPath() + "v2/" + repo + "/" + rest;
    }

    /** The request target a {@code Location} header names, absolute or relative to the registry. */
    private String location(Response response) {
        String location = response.header("Location");
        if (location == null) {
            throw new IllegalStateException("no Location in " + response.status() + " " + response.headers());
        }
        URI resolved = base.resolve(location);
        return resolved.getRawPath() + (resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery());
    }

    private static String withDigest(String target, String digest) {
        return target + (target.contains("?") ? "&" : "?") + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8);
    }

    private static Body bytes(byte[] content) {
        return new Body() {
            @Override
            public long length() {
                return content.length;
            }

            @Override
            public void writeTo(SocketChannel channel) throws IOException {
                writeFully(channel, ByteBuffer.wrap(content));
            }
        };
    }

    private static void writeFully(SocketChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
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
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
    }

    @FunctionalInterface
    private interface Task {
        void run(int index, KeepAliveConnection connection) throws Exception;
    }

    /**
     * {@code size} bytes unique to blob {@code index}: a random 1 MiB pattern with the blob and
     * MiB numbers stamped into the first 8 bytes of every MiB. Never held whole. Sent with
     * {@code sendfile(2)}: each MiB's stamp from a small buffer, the rest of it from a file holding
     * the pattern, so the client copies no body byte itself. Client and server share this
     * machine's cores; with a copy per byte into the socket, the client took 10% of them during
     * Berth's pushes, CPU the server measured did not get.
     */
    static final class ContentBody implements Body {
        private static final int STAMP_BYTES = 8;
        private static final byte[] PATTERN = new byte[1 << 20];
        private static final FileChannel PATTERN_FILE;
        private static final ThreadLocal<ByteBuffer> STAMP = ThreadLocal.withInitial(
                () -> ByteBuffer.allocateDirect(STAMP_BYTES));

        static {
            new Random(7).nextBytes(PATTERN);
            try {
                // Deleted at once: the open channel keeps the file for as long as this program runs.
                Path file = Files.createTempFile("berth-load-pattern", ".bin");
                Files.write(file, PATTERN);
                PATTERN_FILE = FileChannel.open(file, StandardOpenOption.READ);
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the load pattern to a temporary file", e);
            }
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
            byte[] chunk = PATTERN.clone();
            for (long position = 0; position < size; position += chunk.length) {
                long stamp = stamp(index, position);
                for (int i = 0; i < STAMP_BYTES; i++) {
                    chunk[i] = (byte) (stamp >>> (8 * i));
                }
                sha256.update(chunk, 0, (int) Math.min(chunk.length, size - position));
            }
            return "sha256:" + HexFormat.of().formatHex(sha256.digest());
        }

        @Override
        public long length() {
            return size;
        }

        @Override
        public void writeTo(SocketChannel channel) throws IOException {
            ByteBuffer stamp = STAMP.get();
            for (long position = 0; position < size; position += PATTERN.length) {
                int length = (int) Math.min(PATTERN.length, size - position);
                long value = stamp(index, position);
                stamp.clear();
                for (int i = 0; i < STAMP_BYTES; i++) {
                    stamp.put(i, (byte) (value >>> (8 * i)));
                }
                writeFully(channel, stamp.limit(Math.min(STAMP_BYTES, length)));
                for (long sent = STAMP_BYTES; sent < length; ) {
                    sent += PATTERN_FILE.transferTo(sent, length - sent, channel);
                }
            }
        }

        private static long stamp(int index, long position) {
            return ((long) index << 32) ^ (position >>> 20);
        }
    }
}
