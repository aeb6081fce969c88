package dev.berth.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Descriptor;
import dev.berth.api.MediaType;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.Registry;
import dev.berth.api.store.Repository;
import dev.berth.storage.driver.FaultInjectingDriver;
import dev.berth.storage.driver.FaultInjectingDriver.Timing;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills the store at every storage operation of a push-retag-refer-delete scenario (the
 * failing operation not done, or done but reported failed) and checks what is left: no tag or
 * revision may point at missing content, and running the scenario again completes it.
 */
class CrashConsistencyTest {

    private static final RepositoryName NAME = RepositoryName.parse("crash/app");

    @ParameterizedTest
    @EnumSource(Timing.class)
    void crashAtAnyOperationLeavesNoLinkToMissingContent(Timing timing) throws IOException {
        FaultInjectingDriver counter = FaultInjectingDriver.counting(new InMemoryDriver());
        scenario(StorageRegistry.builder(counter).build());
        long operations = counter.operations();
        assertThat(operations).isGreaterThan(50);

        for (long n = 1; n <= operations; n++) {
            InMemoryDriver storage = new InMemoryDriver();
            try {
                scenario(StorageRegistry.builder(FaultInjectingDriver.crashingAt(storage, n, timing)).build());
            } catch (RegistryException crashed) {
                // the process died here; what matters is what it left
            }

            StoreInvariants.assertConsistent(storage, List.of(NAME));

            Repository recovered = scenario(StorageRegistry.builder(storage).build());
            assertFinalState(recovered);
            StoreInvariants.assertConsistent(storage, List.of(NAME));
        }
    }

    /** Pushes A and B, moves v1 from A to B, tags v2, refers to B, indexes both, then removes the referrer and v2. */
    private static Repository scenario(Registry registry) {
        Repository repository = registry.repository(NAME);
        Manifest a = Images.pushImage(repository, "a");
        repository.tags().tag(Tag.parse("v1"), a.digest());
        Manifest b = Images.pushImage(repository, "b");
        repository.tags().tag(Tag.parse("v1"), b.digest());
        repository.tags().tag(Tag.parse("v2"), a.digest());
        Descriptor empty = Images.pushBlob(repository, "{}", MediaType.OCI_EMPTY);
        Manifest referrer = Images.parse(Images.imageManifest(empty, List.of(), b.descriptor(), "application/x-sig"));
        repository.manifests().put(referrer);
        Manifest index = Images.parse(Images.index(List.of(a.descriptor(), b.descriptor())));
        repository.manifests().put(index);
        repository.tags().tag(Tag.parse("multi"), index.digest());
        repository.manifests().delete(referrer.digest());
        repository.tags().untag(Tag.parse("v2"));
        return repository;
    }

    private static void assertFinalState(Repository repository) {
        assertThat(repository.tags().list(null, 10).items()).containsExactly(Tag.parse("multi"), Tag.parse("v1"));
        Manifest b = repository.manifests().get(repository.tags().resolve(Tag.parse("v1")).orElseThrow()).orElseThrow();
        assertThat(repository.manifests().referrers(b.digest(), Optional.empty())).isEmpty();
        assertThat(repository.manifests().digests()).hasSize(3);
    }
}
