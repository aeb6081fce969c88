package dev.berth.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLogTest {

    @TempDir
    Path dir;

    @Test
    void recordsComeOutInOrderAndAckRemovesThem() throws Exception {
        try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
            for (int i = 0; i < 5; i++) {
                assertThat(log.append(bytes("r" + i))).isTrue();
            }
            List<SegmentLog.Entry> first = log.peek(3, 0, TimeUnit.SECONDS);
            assertThat(texts(first)).containsExactly("r0", "r1", "r2");
            log.ack(first.get(2).next(), 3);
            assertThat(log.pending()).isEqualTo(2);
            assertThat(texts(log.peek(10, 0, TimeUnit.SECONDS))).containsExactly("r3", "r4");
        }
    }

    @Test
    void unacknowledgedRecordsSurviveReopening() throws Exception {
        try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
            for (int i = 0; i < 4; i++) {
                log.append(bytes("r" + i));
            }
            log.ack(log.peek(1, 0, TimeUnit.SECONDS).get(0).next(), 1);
        }
        try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
            assertThat(log.pending()).isEqualTo(3);
            assertThat(texts(log.peek(10, 0, TimeUnit.SECONDS))).containsExactly("r1", "r2", "r3");
        }
    }

    @Test
    void aTornLastRecordIsCutOffAndAppendingContinues() throws Exception {
        try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
            log.append(bytes("whole"));
        }
        Path segment = segments().get(0);
        // What a crash in the middle of an append leaves: a header promising more than follows.
        Files.write(segment, new byte[] {0, 0, 0, 50, 1, 2, 3, 4, 'x'}, StandardOpenOption.APPEND);
        try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
            assertThat(log.pending()).isEqualTo(1);
            log.append(bytes("after"));
            assertThat(texts(log.peek(10, 0, TimeUnit.SECONDS))).containsExactly("whole", "after");
        }
    }

    @Test
    void aFullQueueRefusesAppendsUntilAcked() throws Exception {
        try (SegmentLog log = SegmentLog.open(dir, 1024)) {
            byte[] record = new byte[100];
            int accepted = 0;
            while (log.append(record)) {
                accepted++;
            }
            assertThat(accepted).isBetween(5, 10);
            assertThat(log.bytes()).isLessThanOrEqualTo(1024);
            List<SegmentLog.Entry> all = drain(log);
            assertThat(all).hasSize(accepted);
            assertThat(log.append(record)).isTrue();
        }
    }

    @Test
    void segmentsRollOverAndAcknowledgedOnesAreDeleted() throws Exception {
        try (SegmentLog log = SegmentLog.open(dir, 4096)) {
            for (int i = 0; i < 20; i++) {
                assertThat(log.append(bytes(String.format("record-%02d-%s", i, "x".repeat(80))))).isTrue();
            }
            assertThat(segments()).hasSizeGreaterThan(1);
            List<SegmentLog.Entry> all = drain(log);
            assertThat(all).hasSize(20);
            assertThat(new String(all.get(19).payload(), StandardCharsets.UTF_8)).startsWith("record-19");
            assertThat(segments()).hasSize(1);
            assertThat(log.pending()).isZero();
        }
        try (SegmentLog log = SegmentLog.open(dir, 4096)) {
            assertThat(log.pending()).isZero();
            assertThat(log.peek(10, 0, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void peekWaitsForAnAppendFromAnotherThread() throws Exception {
        try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
            Thread writer = new Thread(() -> {
                try {
                    log.append(bytes("late"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            assertThat(texts(log.peek(1, 30, TimeUnit.SECONDS))).containsExactly("late");
            writer.join();
        }
    }

    @Test
    void releaseEndsAWaitingPeekAtOnce() throws Exception {
        try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
            Thread releaser = new Thread(log::release);
            releaser.start();
            assertThat(log.peek(1, 60, TimeUnit.SECONDS)).isEmpty();
            releaser.join();
        }
    }

    static List<SegmentLog.Entry> drain(SegmentLog log) throws Exception {
        List<SegmentLog.Entry> all = new ArrayList<>();
        for (int round = 0; round < 1000 && log.pending() > 0; round++) {
            List<SegmentLog.Entry> batch = log.peek(7, 0, TimeUnit.SECONDS);
            if (!batch.isEmpty()) {
                log.ack(batch.get(batch.size() - 1).next(), batch.size());
                all.addAll(batch);
            }
        }
        return all;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<SegmentLog.Entry> entries) {
        return entries.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
    }
}
