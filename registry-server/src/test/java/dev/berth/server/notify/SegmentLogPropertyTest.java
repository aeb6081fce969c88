package dev.berth.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log against a model queue. Property tests use QuickTheories, not jqwik: jqwik's
 * maintainer asks coding agents not to use it, and we respect that.
 */
class SegmentLogPropertyTest {

    private static final long MAX_BYTES = 8 * 1024;

    @TempDir
    Path root;

    /**
     * Any mix of appends, partial acks and reopenings hands out exactly the unacknowledged
     * records, oldest first, across segment boundaries.
     */
    @Test
    void behavesAsAFifoQueueAcrossReopenings() {
        qt().withExamples(40).withShrinkCycles(20).forAll(lists().of(integers().between(0, 20)).ofSizeBetween(1, 25)).checkAssert(ops -> {
            try {
                Path dir = Files.createTempDirectory(root, "log");
                Deque<Integer> model = new ArrayDeque<>();
                int next = 0;
                SegmentLog log = SegmentLog.open(dir, MAX_BYTES);
                try {
                    for (int op : ops) {
                        if (op < 8) { // append op+1 records of varying size, up to full
                            for (int i = 0; i <= op; i++) {
                                byte[] record = record(next, op);
                                if (log.append(record)) {
                                    model.add(next++);
                                } else { // refused only when it would not fit
                                    assertThat(log.bytes() + 8 + record.length).isGreaterThan(MAX_BYTES);
                                }
                            }
                        } else if (op < 18) { // acknowledge up to op-7 records
                            List<SegmentLog.Entry> batch = log.peek(op - 7, 0, TimeUnit.SECONDS);
                            for (SegmentLog.Entry entry : batch) {
                                assertThat(ByteBuffer.wrap(entry.payload()).getInt()).isEqualTo(model.poll());
                            }
                            if (!batch.isEmpty()) {
                                log.ack(batch.get(batch.size() - 1).next(), batch.size());
                            }
                        } else {
                            log.close();
                            log = SegmentLog.open(dir, MAX_BYTES);
                        }
                        assertThat(log.pending()).isEqualTo(model.size());
                    }
                    List<Integer> rest = SegmentLogTest.drain(log).stream()
                            .map(e -> ByteBuffer.wrap(e.payload()).getInt()).toList();
                    assertThat(rest).containsExactlyElementsOf(model);
                } finally {
                    log.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static byte[] record(int sequence, int padding) {
        return ByteBuffer.allocate(4 + padding * 97).putInt(sequence).array();
    }
}
