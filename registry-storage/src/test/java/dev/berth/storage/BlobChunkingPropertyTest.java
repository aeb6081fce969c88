package dev.berth.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.Registry;
import dev.berth.api.store.Repository;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests use QuickTheories, not jqwik: since 1.10 jqwik's maintainer asks that coding
 * agents not use it, and we respect that.
 */
class BlobChunkingPropertyTest {

    private static final RepositoryName NAME = RepositoryName.parse("prop/chunks");

    @Test
    void anyChunkingOfABlobCommitsToTheDigestOfAMonolithicWrite() {
        qt().withExamples(60).forAll(
                integers().between(0, 40_000),
                lists().of(integers().between(1, 9_000)).ofSizeBetween(1, 12),
                integers().between(0, 1))
                .checkAssert((size, chunkSizes, restartEachChunk) -> {
                    byte[] content = new byte[size];
                    new Random(size).nextBytes(content);
                    InMemoryDriver driver = new InMemoryDriver();

                    Descriptor chunked = pushInChunks(driver, content, chunkSizes, restartEachChunk == 1);
                    Descriptor monolithic = pushInChunks(new InMemoryDriver(), content, List.of(Math.max(size, 1)), false);

                    assertThat(chunked.digest()).isEqualTo(monolithic.digest()).isEqualTo(Digest.sha256(content));
                    assertThat(chunked.size()).isEqualTo((long) size);
                    assertThat(read(registry(driver).repository(NAME), chunked.digest())).isEqualTo(content);
                });
    }

    /**
     * Appends chunk after chunk (sizes cycling through {@code chunkSizes}), each through a
     * resumed upload; with {@code restart}, each through a fresh registry, so no hash state
     * survives and every append re-hashes what is on storage.
     */
    private static Descriptor pushInChunks(InMemoryDriver driver, byte[] content, List<Integer> chunkSizes, boolean restart) {
        Registry registry = registry(driver);
        String id = registry.repository(NAME).uploads().start().id();
        int offset = 0;
        for (int i = 0; offset < content.length; i++) {
            if (restart) {
                registry = registry(driver);
            }
            int length = Math.min(chunkSizes.get(i % chunkSizes.size()), content.length - offset);
            BlobUpload upload = registry.repository(NAME).uploads().resume(id);
            offset = (int) upload.append(new ByteArrayInputStream(content, offset, length), offset);
        }
        return registry.repository(NAME).uploads().resume(id).commit(Digest.sha256(content), OptionalLong.of(content.length));
    }

    /** Small copy buffers, so chunks of a few KiB already go through the two-thread copy. */
    private static Registry registry(InMemoryDriver driver) {
        return StorageRegistry.builder(driver).copyBuffers(3, 1024).build();
    }

    private static byte[] read(Repository repository, Digest digest) {
        try (InputStream in = repository.blobs().open(digest, 0)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
