package dev.berth.storage.driver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link StorageDriver} passes, as distribution's driver test suite: a
 * driver module subclasses this and implements {@link #newDriver()}. The concurrency and
 * large-content cases live in {@link StorageDriverLoadContract}, which this extends.
 *
 * <p>The large write is {@value #DEFAULT_LARGE_BYTES} bytes by default, so CI stays quick; run
 * the full 1 GiB case with {@code -Dberth.contract.largeBytes=1073741824 -DargLine=-Xmx256m}:
 * that the write succeeds in a heap a quarter its size is the proof that the driver streams.
 */
public abstract class StorageDriverContract extends StorageDriverLoadContract {

    protected StorageDriver driver;

    /** A fresh, empty driver for each test; closed after it. */
    protected abstract StorageDriver newDriver() throws IOException;

    @Override
    protected final StorageDriver driver() {
        return driver;
    }

    @BeforeEach
    final void openDriver() throws IOException {
        driver = newDriver();
    }

    @AfterEach
    final void closeDriver() throws IOException {
        driver.close();
    }

    @Test
    void smallContentReadsBackAsWritten() throws IOException {
        driver.putContent("/small/file", bytes("hello"));
        driver.putContent("/small/empty", new byte[0]);

        assertThat(driver.getContent("/small/file")).isEqualTo(bytes("hello"));
        assertThat(driver.getContent("/small/empty")).isEmpty();
        assertThat(driver.stat("/small/file").size()).isEqualTo(5);
        assertThat(driver.stat("/small/file").isDirectory()).isFalse();
        assertThat(driver.stat("/small").isDirectory()).isTrue();
    }

    @Test
    void putContentReplacesExistingContent() throws IOException {
        driver.putContent("/replace/file", bytes("a much longer first version"));
        driver.putContent("/replace/file", bytes("second"));

        assertThat(driver.getContent("/replace/file")).isEqualTo(bytes("second"));
    }

    @Test
    void largeContentStreamsBackThroughReader() throws IOException {
        byte[] content = random(3 * 1024 * 1024 + 17, 1);
        try (StorageWriter writer = driver.writer("/large/data", false)) {
            for (int offset = 0; offset < content.length; offset += 100_000) {
                writer.write(content, offset, Math.min(100_000, content.length - offset));
            }
            writer.commit();
        }

        try (InputStream in = driver.reader("/large/data", 0)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(driver.stat("/large/data").size()).isEqualTo(content.length);
    }

    @Test
    void readerStartsAtTheGivenOffset() throws IOException {
        byte[] content = random(200_000, 2);
        driver.putContent("/offset/file", content);

        for (long offset : new long[] {0, 1, 65_535, 65_536, 199_999}) {
            try (InputStream in = driver.reader("/offset/file", offset)) {
                assertThat(in.readAllBytes()).isEqualTo(slice(content, (int) offset, content.length));
            }
        }
        try (InputStream in = driver.reader("/offset/file", content.length)) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void readerPastTheEndThrowsInvalidOffset() throws IOException {
        driver.putContent("/offset/short", bytes("abc"));

        assertThatThrownBy(() -> driver.reader("/offset/short", 4)).isInstanceOf(InvalidOffsetException.class);
    }

    @Test
    void writerReopenedWithAppendContinuesAfterEarlierWriters() throws IOException {
        try (StorageWriter first = driver.writer("/resume/data", false)) {
            first.write(bytes("hello "), 0, 6);
            assertThat(first.size()).isEqualTo(6);
        }
        try (StorageWriter second = driver.writer("/resume/data", true)) {
            assertThat(second.size()).isEqualTo(6);
            second.write(bytes("wide "), 0, 5);
        }
        try (StorageWriter third = driver.writer("/resume/data", true)) {
            assertThat(third.size()).isEqualTo(11);
            third.write(bytes("world"), 0, 5);
            assertThat(third.size()).isEqualTo(16);
            third.commit();
        }

        assertThat(driver.getContent("/resume/data")).isEqualTo(bytes("hello wide world"));
    }

    @Test
    void sizeStillCountsEveryByteAfterCloseAndCommit() throws IOException {
        StorageWriter first = driver.writer("/size/data", false);
        first.write(bytes("twelve bytes"), 0, 12);
        first.close();
        assertThat(first.size()).as("after close").isEqualTo(12);
        StorageWriter second = driver.writer("/size/data", true);
        second.write(bytes("+3!"), 0, 3);
        second.commit();
        assertThat(second.size()).as("after commit").isEqualTo(15);
        second.close();
    }

    @Test
    void writerWithoutAppendStartsEmpty() throws IOException {
        driver.putContent("/truncate/data", bytes("old content"));
        try (StorageWriter writer = driver.writer("/truncate/data", false)) {
            assertThat(writer.size()).isZero();
            writer.write(bytes("new"), 0, 3);
            writer.commit();
        }

        assertThat(driver.getContent("/truncate/data")).isEqualTo(bytes("new"));
    }

    @Test
    void commitMakesContentVisibleAndCancelDiscardsIt() throws IOException {
        try (StorageWriter writer = driver.writer("/commit/kept", false)) {
            writer.write(bytes("kept"), 0, 4);
            writer.commit();
        }
        try (StorageWriter writer = driver.writer("/commit/dropped", false)) {
            writer.write(bytes("dropped"), 0, 7);
            writer.cancel();
        }

        assertThat(driver.getContent("/commit/kept")).isEqualTo(bytes("kept"));
        assertThatThrownBy(() -> driver.getContent("/commit/dropped")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.stat("/commit/dropped")).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void moveReplacesAnExistingDestination() throws IOException {
        driver.putContent("/move/source", bytes("new"));
        driver.putContent("/move/dest/file", bytes("old and longer"));

        driver.move("/move/source", "/move/dest/file");

        assertThat(driver.getContent("/move/dest/file")).isEqualTo(bytes("new"));
        assertThatThrownBy(() -> driver.getContent("/move/source")).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void moveCreatesMissingParentDirectories() throws IOException {
        driver.putContent("/move2/source", bytes("content"));

        driver.move("/move2/source", "/elsewhere/deep/below/file");

        assertThat(driver.getContent("/elsewhere/deep/below/file")).isEqualTo(bytes("content"));
    }

    @Test
    void listGivesEveryChildOfADirectoryWithManyChildren() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < manyChildren(); i++) {
            String path = String.format("/many/child-%05d", i);
            driver.putContent(path, bytes(Integer.toString(i)));
            expected.add(path);
        }
        driver.putContent("/many/sub/nested", bytes("x"));
        expected.add("/many/sub");

        assertThat(driver.list("/many")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void listGivesDirectChildrenOnly() throws IOException {
        givenFiles("/tree/a/file", "/tree/a/deeper/file", "/tree/b", "/tree-sibling/c");

        assertThat(driver.list("/tree")).containsExactlyInAnyOrder("/tree/a", "/tree/b");
        assertThat(driver.list("/tree/a")).containsExactlyInAnyOrder("/tree/a/file", "/tree/a/deeper");
        assertThat(driver.list("/")).contains("/tree", "/tree-sibling");
    }

    @Test
    void walkVisitsEveryEntryWithParentsBeforeChildren() throws IOException {
        givenFiles("/walk/a/one", "/walk/a/two", "/walk/b/c/three", "/walk/four");

        List<String> seen = walk("/walk", entry -> WalkVisitor.Decision.CONTINUE);

        assertThat(seen).containsExactlyInAnyOrder("/walk/a", "/walk/a/one", "/walk/a/two", "/walk/b",
                "/walk/b/c", "/walk/b/c/three", "/walk/four");
        assertThat(seen.indexOf("/walk/b")).isLessThan(seen.indexOf("/walk/b/c"));
        assertThat(seen.indexOf("/walk/b/c")).isLessThan(seen.indexOf("/walk/b/c/three"));
    }

    @Test
    void walkSkipsDirectoriesAndStopsWhenAsked() throws IOException {
        givenFiles("/walk2/skip/hidden", "/walk2/shown");

        List<String> seen = walk("/walk2",
                entry -> entry.isDirectory() ? WalkVisitor.Decision.SKIP_DIRECTORY : WalkVisitor.Decision.CONTINUE);
        List<String> first = walk("/walk2", entry -> WalkVisitor.Decision.STOP);

        assertThat(seen).containsExactlyInAnyOrder("/walk2/skip", "/walk2/shown");
        assertThat(first).hasSize(1);
    }

    @Test
    void deleteRemovesAWholeTree() throws IOException {
        givenFiles("/del/tree/a", "/del/tree/deep/b", "/del/kept");

        driver.delete("/del/tree");

        assertThatThrownBy(() -> driver.getContent("/del/tree/deep/b")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.stat("/del/tree")).isInstanceOf(PathNotFoundException.class);
        assertThat(driver.list("/del")).containsExactly("/del/kept");
    }

    @Test
    void everyOperationOnAMissingPathThrowsPathNotFound() throws IOException {
        driver.putContent("/present/file", bytes("x"));

        assertThatThrownBy(() -> driver.getContent("/absent")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.reader("/absent", 0)).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.stat("/absent/deeper")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.list("/absent")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.move("/absent", "/elsewhere")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.delete("/absent")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.getContent("/present/file/below"))
                .isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.getContent("/present")).isInstanceOf(PathNotFoundException.class);
        assertThat(driver.list("/")).containsExactly("/present");
    }

    @Test
    void oddButValidPathCharactersRoundTrip() throws IOException {
        List<String> paths = List.of("/odd/-leading-dash", "/odd/_under_score_", "/odd/...three-dots",
                "/odd/.hidden", "/odd/UPPER.lower", "/odd/a--b__c..d", "/odd/0123456789", "/odd/x.y-z_/child");
        givenFiles(paths.toArray(String[]::new));

        for (String path : paths) {
            assertThat(driver.getContent(path)).isEqualTo(bytes(path));
        }
        assertThat(driver.list("/odd")).hasSize(paths.size());
    }

    @Test
    void invalidPathsAreRefusedBeforeAnyIo() {
        for (String path : List.of("relative", "/a/../b", "/a//b", "/a/", "/a/./b", "/with space", "/ümlaut", "")) {
            assertThatThrownBy(() -> driver.putContent(path, bytes("x")))
                    .as(path).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> driver.getContent(path)).as(path).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Writes each path with its own name as content. */
    private void givenFiles(String... paths) throws IOException {
        for (String path : paths) {
            driver.putContent(path, bytes(path));
        }
    }

    /** The paths a walk of {@code path} visits, in order, deciding at each entry with {@code decide}. */
    protected List<String> walk(String path, Function<FileInfo, WalkVisitor.Decision> decide) throws IOException {
        List<String> seen = new ArrayList<>();
        driver.walk(path, entry -> {
            seen.add(entry.path());
            return decide.apply(entry);
        });
        return seen;
    }

    /** Children in the many-children listing: past one page (1000 keys) of every object store. */
    protected int manyChildren() {
        return 1_100;
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    protected static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        byte[] slice = new byte[to - from];
        System.arraycopy(bytes, from, slice, 0, slice.length);
        return slice;
    }
}
