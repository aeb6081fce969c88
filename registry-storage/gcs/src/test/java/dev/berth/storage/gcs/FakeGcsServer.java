package dev.berth.storage.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A loopback fake of the few GCS JSON API calls the driver makes, for what Google's
 * LocalStorageHelper gets wrong or lacks: paged and delimited listings in name order, resumable
 * upload sessions, compose, rewrite, and thread safety. Object content lives in temporary files,
 * so large uploads do not weigh on the test's heap.
 *
 * <p>It is a test double, not GCS: one bucket namespace per server, no authentication, no
 * checksums, no metageneration or ACLs, no batch requests, rewrite and compose in one call, and
 * preconditions only for {@code ifGenerationMatch}. Passing against it proves the driver's
 * logic and its use of the SDK, never compatibility with real GCS.
 *
 * <p>Public, in the test-jar, for registry-app's tests of the program on {@code gcs} storage.
 * Buckets need no creating: the first request naming one makes it.
 */
public final class FakeGcsServer implements AutoCloseable {

    private static final Pattern OBJECT = Pattern.compile("/(?:download/)?storage/v1/b/([^/]+)/o/([^/]+)");
    private static final Pattern LIST = Pattern.compile("/storage/v1/b/([^/]+)/o/?");
    private static final Pattern REWRITE = Pattern.compile("/storage/v1/b/([^/]+)/o/([^/]+)/rewriteTo/b/([^/]+)/o/([^/]+)");
    private static final Pattern COMPOSE = Pattern.compile("/storage/v1/b/([^/]+)/o/([^/]+)/compose");
    private static final Pattern UPLOAD = Pattern.compile("/upload/storage/v1/b/([^/]+)/o/?");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private record Stored(Path file, long size, long generation, Instant updated) {
    }

    private static final class Session {
        final String bucket;
        final String name;
        final Path file;
        long size;
        ObjectNode created;

        Session(String bucket, String name, Path file) {
            this.bucket = bucket;
            this.name = name;
            this.file = file;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, NavigableMap<String, Stored>> buckets = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong(1_000);
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong freshBuckets = new AtomicLong();
    private final Path directory;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);

    private FakeGcsServer() throws IOException {
        directory = Files.createTempDirectory("fake-gcs");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    public static FakeGcsServer start() throws IOException {
        FakeGcsServer fake = new FakeGcsServer();
        fake.server.start();
        return fake;
    }

    /** The base URL for the driver's {@code endpoint} parameter. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Driver settings for a bucket no other caller got, with the smallest chunk GCS allows, so
     * that writes of a few hundred KiB already span several resumable-upload requests.
     */
    public GcsSettings newBucket() {
        return GcsSettings.emulator(endpoint(), "bucket-" + freshBuckets.incrementAndGet())
                .withChunkSize(GcsSettings.CHUNK_GRANULARITY);
    }

    /** Names of every object in the bucket, for assertions. */
    java.util.Set<String> names(String bucket) {
        return bucket(bucket).keySet();
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        executor.shutdownNow();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = FakeHttp.query(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            Matcher m;
            if ((m = REWRITE.matcher(path)).matches() && method.equals("POST")) {
                rewrite(exchange, m.group(1), FakeHttp.decode(m.group(2)), m.group(3), FakeHttp.decode(m.group(4)));
            } else if ((m = COMPOSE.matcher(path)).matches() && method.equals("POST")) {
                compose(exchange, m.group(1), FakeHttp.decode(m.group(2)), query);
            } else if ((m = UPLOAD.matcher(path)).matches()) {
                upload(exchange, m.group(1), query);
            } else if ((m = OBJECT.matcher(path)).matches() && method.equals("GET")) {
                get(exchange, m.group(1), FakeHttp.decode(m.group(2)), query);
            } else if ((m = OBJECT.matcher(path)).matches() && method.equals("DELETE")) {
                if (bucket(m.group(1)).remove(FakeHttp.decode(m.group(2))) == null) {
                    FakeHttp.error(exchange, 404, "No such object");
                } else {
                    exchange.sendResponseHeaders(204, -1);
                }
            } else if ((m = LIST.matcher(path)).matches() && method.equals("GET")) {
                list(exchange, m.group(1), query);
            } else {
                FakeHttp.error(exchange, 400, "fake GCS does not implement " + method + " " + path);
            }
        } catch (RuntimeException | IOException e) {
            e.printStackTrace(); // shows in the test's output file: a fake that fails must say why
            FakeHttp.error(exchange, 500, e.toString());
        }
    }

    private void get(HttpExchange exchange, String bucket, String name, Map<String, String> query) throws IOException {
        Stored stored = bucket(bucket).get(name);
        if (stored == null || (query.containsKey("generation")
                && Long.parseLong(query.get("generation")) != stored.generation())) {
            FakeHttp.error(exchange, 404, "No such object: " + bucket + "/" + name);
            return;
        }
        if (!"media".equals(query.get("alt"))) {
            FakeHttp.send(exchange, 200, resource(bucket, name, stored));
            return;
        }
        long from = 0;
        long to = stored.size() - 1;
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches()) {
            from = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty()) {
                to = Math.min(to, Long.parseLong(m.group(2)));
            }
            if (from >= stored.size()) {
                FakeHttp.error(exchange, 416, "Requested range not satisfiable");
                return;
            }
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + stored.size());
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("x-goog-generation", Long.toString(stored.generation()));
        long length = to - from + 1;
        exchange.sendResponseHeaders(m != null && m.matches() ? 206 : 200, length == 0 ? -1 : length);
        try (InputStream in = Files.newInputStream(stored.file()); OutputStream out = exchange.getResponseBody()) {
            in.skipNBytes(from);
            FakeHttp.copy(in, out, length);
        }
    }

    /** Name order, {@code maxResults} entries a page (a common prefix counts one), the page token the last name consumed. */
    private void list(HttpExchange exchange, String bucket, Map<String, String> query) throws IOException {
        NavigableMap<String, Stored> objects = bucket(bucket);
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.get("delimiter");
        String after = query.get("pageToken");
        int max = Integer.parseInt(query.getOrDefault("maxResults", "1000"));
        ObjectNode page = json.createObjectNode().put("kind", "storage#objects");
        ArrayNode items = page.putArray("items");
        ArrayNode prefixes = page.putArray("prefixes");
        Map.Entry<String, Stored> entry = after == null ? objects.ceilingEntry(prefix) : objects.higherEntry(after);
        String last = null;
        for (int count = 0; entry != null && entry.getKey().startsWith(prefix); count++) {
            if (count == max) {
                page.put("nextPageToken", last);
                break;
            }
            String name = entry.getKey();
            int cut = delimiter == null ? -1 : name.indexOf(delimiter, prefix.length());
            if (cut >= 0) {
                String common = name.substring(0, cut + delimiter.length());
                prefixes.add(common);
                String beyond = common.substring(0, common.length() - 1) + (char) (common.charAt(common.length() - 1) + 1);
                last = objects.lowerKey(beyond);
                entry = objects.ceilingEntry(beyond);
            } else {
                items.add(resource(bucket, name, entry.getValue()));
                last = name;
                entry = objects.higherEntry(name);
            }
        }
        FakeHttp.send(exchange, 200, page);
    }

    private void upload(HttpExchange exchange, String bucket, Map<String, String> query) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("POST") && "multipart".equals(query.get("uploadType"))) {
            multipart(exchange, bucket, query);
        } else if (method.equals("POST") && "resumable".equals(query.get("uploadType"))) {
            JsonNode metadata = readJson(exchange);
            String name = query.getOrDefault("name", metadata.path("name").asText(""));
            String id = Long.toString(ids.incrementAndGet());
            sessions.put(id, new Session(bucket, name, Files.createTempFile(directory, "session", "")));
            exchange.getResponseHeaders().set("Location",
                    endpoint() + "/upload/storage/v1/b/" + bucket + "/o?uploadType=resumable&upload_id=" + id);
            exchange.sendResponseHeaders(200, -1);
        } else if (method.equals("PUT") && query.containsKey("upload_id")) {
            Session session = sessions.get(query.get("upload_id"));
            if (session == null) {
                FakeHttp.error(exchange, 404, "No such upload session");
                return;
            }
            synchronized (session) {
                chunk(exchange, session);
            }
        } else if (method.equals("DELETE") && query.containsKey("upload_id")) {
            sessions.remove(query.get("upload_id"));
            exchange.sendResponseHeaders(499, -1);
        } else {
            FakeHttp.error(exchange, 400, "unsupported upload " + method + " " + query);
        }
    }

    /** One request of a resumable session: bytes at the session's size are appended; with a total, the object is created. */
    private void chunk(HttpExchange exchange, Session session) throws IOException {
        if (session.created != null) {
            FakeHttp.send(exchange, 200, session.created);
            return;
        }
        Matcher m = CONTENT_RANGE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Range")));
        if (!m.matches()) {
            FakeHttp.error(exchange, 400, "bad Content-Range");
            return;
        }
        if (m.group(1) != null) {
            long from = Long.parseLong(m.group(1));
            long length = Long.parseLong(m.group(2)) - from + 1;
            if (from > session.size) {
                FakeHttp.error(exchange, 400, "gap: session has " + session.size + " bytes, chunk starts at " + from);
                return;
            }
            try (InputStream in = FakeHttp.body(exchange);
                    OutputStream out = Files.newOutputStream(session.file, StandardOpenOption.APPEND)) {
                in.skipNBytes(session.size - from); // a re-sent overlap is ignored, as GCS does
                FakeHttp.copy(in, out, length - (session.size - from));
            }
            session.size = from + length;
        }
        if (!m.group(3).equals("*") && Long.parseLong(m.group(3)) == session.size) {
            session.created = resource(session.bucket, session.name, store(session.bucket, session.name, session.file,
                    session.size));
            FakeHttp.send(exchange, 200, session.created);
            return;
        }
        if (session.size > 0) {
            exchange.getResponseHeaders().set("Range", "bytes=0-" + (session.size - 1));
        }
        exchange.sendResponseHeaders(308, -1);
    }

    private void multipart(HttpExchange exchange, String bucket, Map<String, String> query) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String boundary = "--" + type.substring(type.indexOf("boundary=") + 9).replace("\"", "");
        byte[] body = FakeHttp.body(exchange).readAllBytes();
        String text = new String(body, StandardCharsets.ISO_8859_1); // one char per byte: offsets are byte offsets
        int metaStart = text.indexOf("\r\n\r\n", text.indexOf(boundary)) + 4;
        int metaEnd = text.indexOf("\r\n" + boundary, metaStart);
        JsonNode metadata = json.readTree(text.substring(metaStart, metaEnd));
        int dataStart = text.indexOf("\r\n\r\n", metaEnd + 2) + 4;
        int dataEnd = text.indexOf("\r\n" + boundary, dataStart);
        String name = query.getOrDefault("name", metadata.path("name").asText());
        if (!preconditionHolds(exchange, bucket, name, query)) {
            return;
        }
        Path file = Files.createTempFile(directory, "object", "");
        Files.write(file, java.util.Arrays.copyOfRange(body, dataStart, dataEnd));
        FakeHttp.send(exchange, 200, resource(bucket, name, store(bucket, name, file, dataEnd - dataStart)));
    }

    private void rewrite(HttpExchange exchange, String bucket, String source, String targetBucket, String target)
            throws IOException {
        Stored stored = bucket(bucket).get(source);
        if (stored == null) {
            FakeHttp.error(exchange, 404, "No such object: " + bucket + "/" + source);
            return;
        }
        Path file = Files.createTempFile(directory, "object", "");
        Files.copy(stored.file(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Stored copy = store(targetBucket, target, file, stored.size());
        ObjectNode response = json.createObjectNode().put("kind", "storage#rewriteResponse")
                .put("totalBytesRewritten", Long.toString(stored.size())).put("objectSize", Long.toString(stored.size()))
                .put("done", true);
        response.set("resource", resource(targetBucket, target, copy));
        FakeHttp.send(exchange, 200, response);
    }

    private void compose(HttpExchange exchange, String bucket, String target, Map<String, String> query)
            throws IOException {
        JsonNode request = readJson(exchange);
        if (!preconditionHolds(exchange, bucket, target, query)) {
            return;
        }
        Path file = Files.createTempFile(directory, "object", "");
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (JsonNode source : request.path("sourceObjects")) {
                Stored stored = bucket(bucket).get(source.path("name").asText());
                if (stored == null) {
                    FakeHttp.error(exchange, 404, "No such object: " + source.path("name").asText());
                    return;
                }
                size += Files.copy(stored.file(), out);
            }
        }
        FakeHttp.send(exchange, 200, resource(bucket, target, store(bucket, target, file, size)));
    }

    private boolean preconditionHolds(HttpExchange exchange, String bucket, String name, Map<String, String> query)
            throws IOException {
        String expected = query.get("ifGenerationMatch");
        if (expected == null) {
            return true;
        }
        Stored current = bucket(bucket).get(name);
        long generation = current == null ? 0 : current.generation();
        if (generation != Long.parseLong(expected)) {
            FakeHttp.error(exchange, 412, "Precondition Failed");
            return false;
        }
        return true;
    }

    private Stored store(String bucket, String name, Path file, long size) throws IOException {
        Stored stored = new Stored(file, size, generations.incrementAndGet(), Instant.now());
        // A replaced object's file stays until close: a concurrent reader may still be about to open it.
        bucket(bucket).put(name, stored);
        return stored;
    }

    private ObjectNode resource(String bucket, String name, Stored stored) {
        return json.createObjectNode().put("kind", "storage#object").put("id", bucket + "/" + name + "/" + stored.generation())
                .put("name", name).put("bucket", bucket).put("generation", Long.toString(stored.generation()))
                .put("metageneration", "1").put("contentType", "application/octet-stream")
                .put("size", Long.toString(stored.size())).put("updated", stored.updated().toString())
                .put("timeCreated", stored.updated().toString());
    }

    private NavigableMap<String, Stored> bucket(String name) {
        return buckets.computeIfAbsent(FakeHttp.decode(name), b -> new ConcurrentSkipListMap<>());
    }

    private JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body = FakeHttp.body(exchange).readAllBytes();
        return body.length == 0 ? json.createObjectNode() : json.readTree(body);
    }
}
