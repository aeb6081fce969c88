package dev.berth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.manifest.ManifestParser;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.Registry;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.filesystem.FilesystemDriver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code garbage-collect}, {@code cleanup} and {@code usage} through the program, on a filesystem store. */
class MaintenanceCommandsTest {

    @TempDir
    Path dir;

    private Path config;
    private Registry registry;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void store() throws Exception {
        Path root = dir.resolve("store");
        config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: " + root + "\n");
        registry = StorageRegistry.builder(new FilesystemDriver(root)).build();
    }

    private int berth(String... args) {
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Main(Main.commands(), context).run(args);
    }

    private Descriptor blob(String repository, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        BlobUpload upload = registry.repository(RepositoryName.parse(repository)).uploads().start();
        upload.append(new ByteArrayInputStream(bytes), 0);
        upload.commit(Digest.sha256(bytes), OptionalLong.of(bytes.length));
        return Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), bytes.length);
    }

    private Manifest image(String repository, String tag, String layer) {
        Descriptor config = blob(repository, "config " + layer);
        Descriptor content = blob(repository, layer);
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaType.OCI_CONFIG + "\",\"digest\":\"" + config.digest() + "\",\"size\":" + config.size()
                + "},\"layers\":[{\"mediaType\":\"" + MediaType.OCI_LAYER_GZIP + "\",\"digest\":\"" + content.digest()
                + "\",\"size\":" + content.size() + "}]}";
        Manifest manifest = ManifestParser.standard().parse(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
        var repo = registry.repository(RepositoryName.parse(repository));
        repo.manifests().put(manifest);
        if (tag != null) {
            repo.tags().tag(Tag.parse(tag), manifest.digest());
        }
        return manifest;
    }

    @Test
    void garbageCollectPrintsDistributionsLinesAndDeletesWithDeleteUntagged() {
        Manifest kept = image("app", "v1", "kept");
        Manifest untagged = image("app", null, "dropped");

        assertThat(berth("garbage-collect", "--dry-run", "-m", config.toString())).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("app: marking manifest " + kept.digest() + " \n")
                .contains("manifest eligible for deletion: " + untagged.digest())
                .contains("blobs marked, 3 blobs and 1 manifests eligible for deletion")
                .contains("would free ");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("storage.maintenance.readonly is not enabled");
        assertThat(registry.repository(RepositoryName.parse("app")).manifests().exists(untagged.digest())).isTrue();

        assertThat(berth("garbage-collect", "--delete-untagged", "--quiet", config.toString())).isZero();
        assertThat(registry.repository(RepositoryName.parse("app")).manifests().exists(untagged.digest())).isFalse();
        assertThat(registry.repository(RepositoryName.parse("app")).manifests().exists(kept.digest())).isTrue();
    }

    @Test
    void garbageCollectRefusesUnknownFlagsWithUsage() {
        assertThat(berth("garbage-collect", "--force", config.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown flag --force").contains("usage: berth garbage-collect");
    }

    @Test
    void garbageCollectCallsAFilesystemOncePerCoreAndObjectStorageEightTimesAtOnce() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(GarbageCollectCommand.defaultParallelism("filesystem")).isEqualTo(Math.max(4, cores));
        assertThat(GarbageCollectCommand.defaultParallelism("s3")).isEqualTo(8);
        assertThat(GarbageCollectCommand.defaultParallelism("azure")).isEqualTo(8);
    }

    @Test
    void cleanupDryRunListsAndCleanupUntags() throws Exception {
        image("app", "a", "one");
        image("app", "b", "two");
        image("app", "latest", "three");
        Path policy = dir.resolve("policy.yml");
        Files.writeString(policy, "policies:\n  - repository: app\n    name_regex: \"[ab]\"\n    keep_n: 1\n");

        assertThat(berth("cleanup", "--policy", policy.toString(), "--dry-run", config.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("would untag app:").contains("1 tags would be untagged");
        assertThat(registry.repository(RepositoryName.parse("app")).tags().list(null, 10).items()).hasSize(3);

        assertThat(berth("cleanup", "--policy", policy.toString(), config.toString())).isZero();
        assertThat(registry.repository(RepositoryName.parse("app")).tags().list(null, 10).items()).hasSize(2);
    }

    @Test
    void usagePrintsCsvPerRepository() {
        image("team/app", "v1", "layer");

        assertThat(berth("usage", "--format", "csv", config.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("repository,linked_bytes,exclusive_bytes,blobs,manifests,tags\nteam/app,");
    }
}
