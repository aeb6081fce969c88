package dev.berth.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.storage.driver.DriverParameters;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.driver.StorageDriverContract;
import dev.berth.storage.driver.StorageDrivers;
import dev.berth.storage.driver.WalkVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemDriverTest extends StorageDriverContract {

    @TempDir
    Path root;

    @Override
    protected StorageDriver newDriver() {
        return new FilesystemDriver(root);
    }

    @Test
    void driverPathsAreFilesUnderTheRootDirectory() throws IOException {
        driver.putContent("/docker/registry/v2/x/link", "sha256:abc".getBytes(StandardCharsets.UTF_8));

        assertThat(root.resolve("docker/registry/v2/x/link")).hasContent("sha256:abc");
        try (var files = Files.list(root.resolve("docker/registry/v2/x"))) {
            assertThat(files).as("no temporary file left behind").hasSize(1);
        }
    }

    @Test
    void aPutThatCannotReplaceItsTargetLeavesNoTemporaryFile() throws IOException {
        driver.putContent("/x/occupied/inner", bytes("a"));

        assertThatThrownBy(() -> driver.putContent("/x/occupied", bytes("b"))).isInstanceOf(IOException.class);
        try (var files = Files.list(root.resolve("x"))) {
            assertThat(files).containsExactly(root.resolve("x/occupied"));
        }
    }

    @Test
    void aReaderIsAlsoAChannelFromTheSameOffset() throws IOException {
        driver.putContent("/blob", bytes("0123456789"));

        try (InputStream in = driver.reader("/blob", 2)) {
            assertThat(in).isInstanceOf(ReadableByteChannel.class);
            ByteBuffer buffer = ByteBuffer.allocateDirect(3);
            assertThat(((ReadableByteChannel) in).read(buffer)).isEqualTo(3);
            assertThat(StandardCharsets.UTF_8.decode(buffer.flip()).toString()).isEqualTo("234");
            assertThat(in.read()).isEqualTo('5');
            assertThat(in.available()).isEqualTo(4);
            assertThat(in.skip(2)).isEqualTo(2);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("89");
            assertThat(in.skip(5)).isZero();
            assertThat(in.read()).isEqualTo(-1);
            assertThat(((ReadableByteChannel) in).read(buffer.clear())).isEqualTo(-1);
        }
    }

    @Test
    void foreignFilesThatNoDriverPathCanNameAreNotListed() throws IOException {
        Files.createDirectories(root.resolve("dir"));
        Files.writeString(root.resolve("dir/~berth-leftover"), "partial");
        Files.writeString(root.resolve("dir/real"), "x");

        assertThat(driver.list("/dir")).containsExactly("/dir/real");
    }

    @Test
    void foreignFilesAndDirectoriesAreNotWalkedEither() throws IOException {
        Files.createDirectories(root.resolve("tree/~berth-dir/inside"));
        Files.writeString(root.resolve("tree/~berth-leftover"), "partial");
        Files.writeString(root.resolve("tree/real"), "x");

        assertThat(walk("/tree", entry -> WalkVisitor.Decision.CONTINUE)).containsExactly("/tree/real");
    }

    @Test
    void walkingTheRootGivesDriverPaths() throws IOException {
        driver.putContent("/a/b", bytes("x"));

        assertThat(walk("/", entry -> WalkVisitor.Decision.CONTINUE)).containsExactly("/a", "/a/b");
    }

    @Test
    void walkingAFileOrNothingFailsAsListingThemDoes() throws IOException {
        driver.putContent("/plain", bytes("x"));

        assertThatThrownBy(() -> driver.walk("/absent", entry -> WalkVisitor.Decision.CONTINUE))
                .isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.walk("/plain", entry -> WalkVisitor.Decision.CONTINUE))
                .isInstanceOf(IOException.class);
    }

    @Test
    void listOfTheRootOfAMissingRootDirectoryIsEmpty() throws IOException {
        try (StorageDriver fresh = new FilesystemDriver(root.resolve("not-yet"))) {
            assertThat(fresh.list("/")).isEmpty();
        }
    }

    @Test
    void factoryReadsDistributionsParameters() throws IOException {
        DriverParameters parameters = DriverParameters.of("filesystem",
                Map.of("rootdirectory", root.toString(), "maxthreads", "30"));
        try (StorageDriver made = StorageDrivers.discover().create(parameters)) {
            made.putContent("/made", new byte[] {1});
        }

        assertThat(root.resolve("made")).exists();
        assertThat(parameters.unreadKeys()).isEmpty();
    }

    @Test
    void factoryRefusesFewerThreadsThanDistributionAllows() {
        DriverParameters parameters = DriverParameters.of("filesystem",
                Map.of("rootdirectory", root.toString(), "maxthreads", "10"));

        assertThatThrownBy(() -> new FilesystemDriverFactory().create(parameters))
                .hasMessageContaining("maxthreads");
    }
}
