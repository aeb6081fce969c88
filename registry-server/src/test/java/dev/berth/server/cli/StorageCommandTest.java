package dev.berth.server.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.server.s3.S3Nodes;
import dev.berth.storage.driver.PathNotFoundException;
import dev.berth.storage.driver.StorageDriver;
import dev.berth.storage.filesystem.FilesystemDriver;
import dev.berth.storage.layout.Layout;
import dev.berth.storage.s3.S3DriverConfig;
import dev.berth.storage.s3.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth storage copy}: GitLab's filesystem-to-S3 migration through the program. */
class StorageCommandTest {

    @RegisterExtension
    static final S3Nodes S3 = new S3Nodes();
    private static final RepositoryName REPO = RepositoryName.parse("group/app");

    @TempDir
    Path dir;
    private Path filesystemConfig;
    private Path s3Config;
    private StorageDriver filesystem;
    private StorageDriver bucket;
    private Digest layer;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void givenARegistryOnDiskAndAnEmptyBucket() throws IOException {
        Path root = dir.resolve("registry");
        filesystemConfig = dir.resolve("config.yml");
        Files.writeString(filesystemConfig, "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: " + root + "\n");
        S3DriverConfig storage = S3.newBucket();
        s3Config = dir.resolve("s3-config.yml");
        Files.writeString(s3Config, String.join("\n", "version: 0.1", "storage:", "  s3:",
                "    accesskey: " + S3ProxyServer.ACCESS_KEY, "    secretkey: " + S3ProxyServer.SECRET_KEY,
                "    bucket: " + storage.bucket(), "    region: us-east-1",
                "    regionendpoint: " + storage.endpoint().orElseThrow(), "    rootdirectory: /registry", ""));
        filesystem = new FilesystemDriver(root);
        bucket = S3.driver(storage.toBuilder().rootDirectory("registry").build());
        byte[] layerBytes = "layer ".repeat(100_000).getBytes(UTF_8);
        layer = Digest.sha256(layerBytes);
        filesystem.putContent(Layout.blobData(layer), layerBytes);
        filesystem.putContent(Layout.layerLink(REPO, layer), layer.toString().getBytes(UTF_8));
        filesystem.putContent(Layout.tagCurrentLink(REPO, Tag.parse("latest")), layer.toString().getBytes(UTF_8));
        filesystem.putContent(Layout.uploadStartedAt(REPO, "0a1b2c3d-0000-4000-8000-000000000001"), new byte[] {'x'});
    }

    private int berth(String... args) {
        out.reset();
        CommandContext context = new CommandContext(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
                Map.of());
        return new Main(Main.commands(), context).run(args);
    }

    private String output() {
        return out.toString(UTF_8);
    }

    @Test
    void bulkCopyThenFinalSyncWithDeleteLeavesTheBucketMatchingTheDisk() throws IOException {
        assertThat(berth("storage", "copy", filesystemConfig.toString(), s3Config.toString())).as(err.toString(UTF_8))
                .isZero();
        assertThat(output()).contains("copied 3 files", "source 3, destination 3: counts match");
        assertThat(bucket.getContent(Layout.blobData(layer))).isEqualTo(filesystem.getContent(Layout.blobData(layer)));

        Digest stale = Digest.sha256("collected".getBytes(UTF_8));
        bucket.putContent(Layout.blobData(stale), "collected".getBytes(UTF_8));
        assertThat(berth("storage", "copy", "--dry-run", "--delete", filesystemConfig.toString(), s3Config.toString()))
                .isZero();
        assertThat(output()).contains("(dry run) delete: " + Layout.blobData(stale), "would copy 0 files",
                "counts DIFFER");
        assertThat(bucket.stat(Layout.blobData(stale)).size()).isPositive();

        assertThat(berth("storage", "copy", "--delete", filesystemConfig.toString(), s3Config.toString())).isZero();
        assertThat(output()).contains("skipped 3 already there", "deleted 1", "counts match");
        assertThat(statMissing(Layout.blobData(stale))).isTrue();
    }

    private boolean statMissing(String path) throws IOException {
        try {
            bucket.stat(path);
            return false;
        } catch (PathNotFoundException expected) {
            return true;
        }
    }

    @Test
    void copyingAStorageOntoItselfIsRefused() {
        assertThat(berth("storage", "copy", filesystemConfig.toString(), filesystemConfig.toString())).isOne();
        assertThat(err.toString(UTF_8)).contains("name the same storage");
    }

    @Test
    void argumentsOtherThanCopyAndTwoConfigsPrintTheUsage() {
        assertThat(berth("storage", "move", filesystemConfig.toString(), s3Config.toString())).isEqualTo(2);
        assertThat(berth("storage", "copy", filesystemConfig.toString())).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("usage: berth storage copy");
    }
}
