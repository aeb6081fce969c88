package dev.berth.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.berth.storage.driver.InvalidOffsetException;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageWriter;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The driver over Google's own in-memory {@code Storage} (google-cloud-nio's LocalStorageHelper),
 * for the calls it implements faithfully: single-object create, get, read at an offset, rewrite
 * and delete. It has no compose, no resumable sessions over HTTP, no paging and no name order,
 * so writers that span chunks, listings and walks are tested against {@link FakeGcsServer}.
 */
class GcsLocalStorageHelperTest {

    private final Storage storage = LocalStorageHelper.getOptions().getService();
    private final GcsDriver driver = new GcsDriver(
            new GcsSettings("bucket", Optional.empty(), "root", GcsSettings.DEFAULT_CHUNK_SIZE,
                    Optional.of(URI.create("http://unused.invalid"))),
            storage, null, false);

    @Test
    void putContentIsReadBackWholeAndFromAnOffset() throws Exception {
        driver.putContent("/a/file", "hello world".getBytes(StandardCharsets.UTF_8));

        assertThat(driver.getContent("/a/file")).asString(StandardCharsets.UTF_8).isEqualTo("hello world");
        try (InputStream in = driver.reader("/a/file", 6)) {
            assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("world");
        }
        try (InputStream in = driver.reader("/a/file", 11)) {
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> driver.reader("/a/file", 12)).isInstanceOf(InvalidOffsetException.class);
        assertThat(driver.stat("/a/file").size()).isEqualTo(11);
    }

    @Test
    void smallWriterCommitsInOneUpload() throws Exception {
        try (StorageWriter writer = driver.writer("/w/data", false)) {
            writer.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
            writer.commit();
        }
        assertThat(driver.getContent("/w/data")).asString(StandardCharsets.UTF_8).isEqualTo("abc");
        assertThat(storage.get("bucket", "root/w/data")).isNotNull();
    }

    @Test
    void moveRewritesServerSideAndDeletesTheSource() throws Exception {
        driver.putContent("/m/source", new byte[] {1, 2, 3});
        driver.move("/m/source", "/m/elsewhere/dest");

        assertThat(driver.getContent("/m/elsewhere/dest")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> driver.getContent("/m/source")).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void missingObjectsAreTypedNotFound() {
        assertThatThrownBy(() -> driver.getContent("/absent")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.reader("/absent", 0)).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.move("/absent", "/x")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.writer("/absent", true)).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void deleteOfAFileRemovesIt() throws Exception {
        driver.putContent("/d/file", new byte[] {1});
        driver.delete("/d/file");
        assertThat(storage.get("bucket", "root/d/file")).isNull();
    }
}
