package dev.berth.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageWriter;
import dev.berth.storage.driver.WalkVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the contract cannot see: how the s3 driver uses S3, checked on the bucket itself. */
class S3DriverTest {

    private static final int PART = (int) S3DriverConfig.MIN_PART_SIZE;

    @RegisterExtension
    static final InProcessS3 S3 = new InProcessS3();
    private S3Client raw;

    @AfterEach
    void closeRawClient() {
        if (raw != null) {
            raw.close();
        }
    }

    private S3DriverConfig newBucket(java.util.function.UnaryOperator<S3DriverConfig.Builder> options) {
        S3DriverConfig config = options.apply(S3.server().configForNewBucket().rootDirectory("root").chunkSize(PART)).build();
        raw = S3Clients.client(config, S3Clients.credentials(config), Optional.empty());
        return config;
    }

    private S3Driver driver(S3DriverConfig config) {
        return S3.driver(config);
    }

    private List<String> keys(S3DriverConfig config) {
        return raw.listObjectsV2Paginator(request -> request.bucket(config.bucket())).contents().stream()
                .map(S3Object::key).toList();
    }

    private int uploadsInProgress(S3DriverConfig config) {
        return raw.listMultipartUploads(request -> request.bucket(config.bucket())).uploads().size();
    }

    @Test
    void uploadResumesOnAnotherNodeAcrossPartBoundaries() throws IOException {
        S3DriverConfig config = newBucket(options -> options);
        byte[] content = random(3 * PART + 12_345, 1);
        int firstCut = PART + 2_000_000;
        int secondCut = 2 * PART + 4_000_000;

        try (StorageWriter first = driver(config).writer("/uploads/u1/data", false)) {
            first.write(content, 0, firstCut);
        }
        try (StorageWriter second = driver(config).writer("/uploads/u1/data", true)) {
            assertThat(second.size()).isEqualTo(firstCut);
            second.write(content, firstCut, secondCut - firstCut);
        }
        assertThat(keys(config)).as("only the tail after the last whole part is kept outside the upload")
                .containsExactly("root/uploads/u1/data~tail-2");
        try (StorageWriter third = driver(config).writer("/uploads/u1/data", true)) {
            assertThat(third.size()).isEqualTo(secondCut);
            third.write(content, secondCut, content.length - secondCut);
            third.commit();
        }

        try (InputStream in = driver(config).reader("/uploads/u1/data", 0)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(keys(config)).containsExactly("root/uploads/u1/data");
        assertThat(uploadsInProgress(config)).isZero();
    }

    @Test
    void writerTailsNeverShowInListingsOrWalks() throws IOException {
        S3DriverConfig config = newBucket(options -> options);
        S3Driver driver = driver(config);
        driver.putContent("/uploads/u2/startedat", new byte[] {'1'});
        try (StorageWriter writer = driver.writer("/uploads/u2/data", false)) {
            writer.write(new byte[100], 0, 100);
        }

        assertThat(driver.list("/uploads/u2")).containsExactly("/uploads/u2/startedat");
        List<String> walked = new ArrayList<>();
        driver.walk("/uploads", entry -> {
            walked.add(entry.path());
            return WalkVisitor.Decision.CONTINUE;
        });
        assertThat(walked).containsExactly("/uploads/u2", "/uploads/u2/startedat");
    }

    @Test
    void cancelRemovesPartsTailsAndTheUploadInProgress() throws IOException {
        S3DriverConfig config = newBucket(options -> options);
        S3Driver driver = driver(config);
        writeWithoutCommit(driver, "/uploads/u3/data", PART + 10);
        try (StorageWriter writer = driver.writer("/uploads/u3/data", true)) {
            writer.cancel();
        }

        assertThat(keys(config)).isEmpty();
        assertThat(uploadsInProgress(config)).isZero();
    }

    @Test
    void deletingADirectoryAbortsUploadsInProgressBelowIt() throws IOException {
        S3DriverConfig config = newBucket(options -> options);
        S3Driver driver = driver(config);
        writeWithoutCommit(driver, "/uploads/u4/data", PART + 10);
        assertThat(uploadsInProgress(config)).isOne();

        driver.delete("/uploads/u4");

        assertThat(uploadsInProgress(config)).isZero();
        assertThat(keys(config)).isEmpty();
        assertThatThrownBy(() -> driver.delete("/uploads/u4")).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void appendingToACommittedFileContinuesAfterItsContent() throws IOException {
        S3DriverConfig config = newBucket(options -> options);
        S3Driver driver = driver(config);
        byte[] start = random(2 * PART + 777, 4);
        byte[] more = random(1000, 5);
        driver.putContent("/appended", start);

        try (StorageWriter writer = driver.writer("/appended", true)) {
            assertThat(writer.size()).isEqualTo(start.length);
            writer.write(more, 0, more.length);
            writer.commit();
        }

        byte[] expected = new byte[start.length + more.length];
        System.arraycopy(start, 0, expected, 0, start.length);
        System.arraycopy(more, 0, expected, start.length, more.length);
        assertThat(driver.getContent("/appended")).isEqualTo(expected);
    }

    @Test
    void moveAboveTheThresholdCopiesInParallelParts() throws IOException {
        S3DriverConfig config = newBucket(options -> options
                .multipartCopyThresholdSize(PART).multipartCopyChunkSize(PART).multipartCopyMaxConcurrency(2));
        S3Driver driver = driver(config);
        byte[] content = random(PART + 99, 6);
        driver.putContent("/uploads/u5/data", content);

        driver.move("/uploads/u5/data", "/blobs/sha256/ab/abcd/data");

        assertThat(driver.getContent("/blobs/sha256/ab/abcd/data")).isEqualTo(content);
        assertThat(raw.headObject(request -> request.bucket(config.bucket()).key("root/blobs/sha256/ab/abcd/data"))
                .eTag()).as("a multipart object's ETag counts its parts").endsWith("-2\"");
        assertThatThrownBy(() -> driver.stat("/uploads/u5/data")).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void moveBelowTheThresholdIsOneCopy() throws IOException {
        S3DriverConfig config = newBucket(options -> options);
        S3Driver driver = driver(config);
        driver.putContent("/small", new byte[] {1, 2, 3});

        driver.move("/small", "/moved");

        assertThat(driver.getContent("/moved")).containsExactly(1, 2, 3);
        assertThat(raw.headObject(request -> request.bucket(config.bucket()).key("root/moved")).eTag())
                .doesNotContain("-");
    }

    @Test
    void presignedUrlsServeTheObjectWithoutCredentials() throws Exception {
        S3DriverConfig config = newBucket(options -> options);
        S3Driver driver = driver(config);
        byte[] content = random(70_000, 7);
        driver.putContent("/blobs/data", content);

        URI get = driver.redirectUrl("/blobs/data", "GET", Duration.ofMinutes(20)).orElseThrow();
        URI head = driver.redirectUrl("/blobs/data", "HEAD", Duration.ofMinutes(20)).orElseThrow();

        assertThat(get.toString()).contains("X-Amz-Signature=").doesNotContain(S3ProxyServer.SECRET_KEY);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(content);
        HttpResponse<Void> headed = http.send(HttpRequest.newBuilder(head).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(headed.statusCode()).isEqualTo(200);
        assertThat(headed.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
        HttpResponse<Void> tampered = http.send(HttpRequest.newBuilder(URI.create(get.toString()
                .replace("/blobs/data", "/blobs/other"))).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(driver.redirectUrl("/blobs/data", "DELETE", Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void serverSideEncryptionIsRequestedForEveryWrite() throws IOException {
        S3DriverConfig config = newBucket(options -> options.encrypt(true));
        S3Driver driver = driver(config);
        driver.putContent("/encrypted/small", new byte[] {1});
        try (StorageWriter writer = driver.writer("/encrypted/large", false)) {
            writer.write(random(PART + 1, 8), 0, PART + 1);
            writer.commit();
        }
        driver.move("/encrypted/small", "/encrypted/moved");

        for (String key : List.of("root/encrypted/large", "root/encrypted/moved")) {
            assertThat(raw.headObject(request -> request.bucket(config.bucket()).key(key)).serverSideEncryptionAsString())
                    .as(key).isEqualTo("AES256");
        }
    }

    @Test
    void rateLimitHoldsBackEveryRequestPastTheBurst() throws IOException {
        S3DriverConfig config = newBucket(options -> options.maxRequestsPerSecond(10));
        FakeTicker ticker = new FakeTicker();
        try (S3Driver driver = S3Driver.create(config, ticker)) {
            putAndList(driver);
        }
        // 31 requests at 10 a second, the first free: three seconds of (fake) waiting.
        assertThat(ticker.slept().toNanos()).isCloseTo(Duration.ofSeconds(3).toNanos(), within(1_000L));
    }

    private static void putAndList(S3Driver driver) throws IOException {
        for (int i = 0; i < 30; i++) {
            driver.putContent("/limited/" + i, new byte[] {(byte) i});
        }

        assertThat(driver.list("/limited")).hasSize(30);
    }

    /** Leaves an upload in progress: one whole part and a tail. */
    private static void writeWithoutCommit(S3Driver driver, String path, int size) throws IOException {
        try (StorageWriter writer = driver.writer(path, false)) {
            writer.write(random(size, size), 0, size);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
