package dev.berth.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.ErrorCode;
import dev.berth.api.MediaType;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.Page;
import dev.berth.api.store.Repository;
import dev.berth.api.store.TagIndex.TaggedManifest;
import dev.berth.storage.driver.FaultInjectingDriver;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class StorageRegistryManifestTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:30:00Z");

    private final InMemoryDriver driver = new InMemoryDriver(Clock.fixed(NOW, ZoneOffset.UTC));
    private final StorageRegistry registry = StorageRegistry.builder(driver).build();
    private final Repository repository = registry.repository(RepositoryName.parse("team/app"));

    @Test
    void manifestReadsBackAsTheExactBytesPushed() {
        Manifest manifest = Images.pushImage(repository, "layer");

        assertThat(repository.manifests().get(manifest.digest())).get()
                .satisfies(stored -> assertThat(stored.bytes()).isEqualTo(manifest.bytes()));
        assertThat(repository.manifests().exists(manifest.digest())).isTrue();
        assertThat(repository.manifests().digests()).containsExactly(manifest.digest());
        assertThat(repository.blobs().stat(manifest.digest())).as("a manifest is a blob of its repository").isPresent();
    }

    @Test
    void manifestReferencingAnUnknownBlobIsManifestBlobUnknown() {
        Descriptor config = Images.pushBlob(repository, "{}", MediaType.OCI_CONFIG);
        Descriptor missing = Descriptor.of(MediaType.OCI_LAYER, Digest.sha256(new byte[] {7}), 1);
        Manifest manifest = Images.parse(Images.imageManifest(config, List.of(missing)));

        assertCode(() -> repository.manifests().put(manifest), ErrorCode.MANIFEST_BLOB_UNKNOWN);
        assertThat(repository.manifests().exists(manifest.digest())).isFalse();
        assertThat(registry.blobs().stat(manifest.digest())).isEmpty();
    }

    @Test
    void blobOfAnotherRepositoryDoesNotSatisfyAManifest() {
        Repository other = registry.repository(RepositoryName.parse("other"));
        Descriptor layer = Images.pushBlob(other, "theirs", MediaType.OCI_LAYER);
        Descriptor config = Images.pushBlob(repository, "{}", MediaType.OCI_CONFIG);

        assertCode(() -> repository.manifests().put(Images.parse(Images.imageManifest(config, List.of(layer)))),
                ErrorCode.MANIFEST_BLOB_UNKNOWN);
    }

    @Test
    void indexRequiresItsChildManifestsInTheRepository() {
        Manifest child = Images.pushImage(repository, "child");
        Descriptor absent = Descriptor.of(MediaType.OCI_MANIFEST, Digest.sha256(new byte[] {1}), 1);

        assertCode(() -> repository.manifests().put(Images.parse(Images.index(List.of(child.descriptor(), absent)))),
                ErrorCode.MANIFEST_BLOB_UNKNOWN);
        Manifest index = Images.parse(Images.index(List.of(child.descriptor())));
        repository.manifests().put(index);
        assertThat(repository.manifests().exists(index.digest())).isTrue();
    }

    @Test
    void foreignLayerIsAcceptedOnlyWhenItsUrlsAreAllowed() {
        Descriptor config = Images.pushBlob(repository, "{}", MediaType.OCI_CONFIG);
        Descriptor foreign = new Descriptor(MediaType.DOCKER_FOREIGN_LAYER, Digest.sha256(new byte[] {9}), 1,
                List.of("https://mcr.microsoft.com/layer"), null, null, null, null);
        Manifest manifest = Images.parse(Images.imageManifest(config, List.of(foreign)));
        Repository allowing = StorageRegistry.builder(driver)
                .validateForeignUrls(ForeignUrlPolicy.of(List.of("^https://mcr\\.microsoft\\.com/"), List.of()))
                .build().repository(repository.name());
        Repository denying = StorageRegistry.builder(driver)
                .validateForeignUrls(ForeignUrlPolicy.of(List.of("^https://"), List.of("microsoft")))
                .build().repository(repository.name());

        assertCode(() -> repository.manifests().put(manifest), ErrorCode.MANIFEST_BLOB_UNKNOWN);
        assertCode(() -> denying.manifests().put(manifest), ErrorCode.MANIFEST_BLOB_UNKNOWN);
        allowing.manifests().put(manifest);
        assertThat(repository.manifests().exists(manifest.digest())).isTrue();
    }

    @Test
    void deleteRemovesTheRevisionEveryTagOnItAndItsOtherTagIndexEntries() throws IOException {
        Manifest first = Images.pushImage(repository, "one");
        Manifest second = Images.pushImage(repository, "two");
        repository.tags().tag(Tag.parse("a"), first.digest());
        repository.tags().tag(Tag.parse("b"), first.digest());
        repository.tags().tag(Tag.parse("moved"), first.digest());
        repository.tags().tag(Tag.parse("moved"), second.digest());

        repository.manifests().delete(first.digest());

        assertThat(repository.manifests().exists(first.digest())).isFalse();
        assertThat(repository.manifests().get(first.digest())).isEmpty();
        assertThat(tagNames(repository.tags().list(null, 100))).containsExactly("moved");
        assertThat(repository.tags().resolve(Tag.parse("moved"))).contains(second.digest());
        assertThat(driver.list("/docker/registry/v2/repositories/team/app/_manifests/tags/moved/index/sha256"))
                .containsExactly("/docker/registry/v2/repositories/team/app/_manifests/tags/moved/index/sha256/"
                        + second.digest().hex());
        assertCode(() -> repository.manifests().delete(first.digest()), ErrorCode.MANIFEST_UNKNOWN);
    }

    @Test
    void untagRemovesOnlyTheTag() {
        Manifest manifest = Images.pushImage(repository, "kept");
        repository.tags().tag(Tag.parse("latest"), manifest.digest());

        assertThat(repository.tags().untag(Tag.parse("latest"))).isTrue();
        assertThat(repository.tags().untag(Tag.parse("latest"))).isFalse();
        assertThat(repository.tags().resolve(Tag.parse("latest"))).isEmpty();
        assertThat(repository.manifests().exists(manifest.digest())).isTrue();
    }

    @Test
    void taggingAManifestThatIsNotStoredIsManifestUnknown() {
        assertCode(() -> repository.tags().tag(Tag.parse("latest"), Digest.sha256(new byte[] {3})),
                ErrorCode.MANIFEST_UNKNOWN);
    }

    @Test
    void tagsAreListedInLexicalOrderAPageAtATime() {
        Manifest manifest = Images.pushImage(repository, "tags");
        for (String tag : List.of("v10", "latest", "v2", "V1", "_x", "v1")) {
            repository.tags().tag(Tag.parse(tag), manifest.digest());
        }

        Page<Tag> first = repository.tags().list(null, 3);
        Page<Tag> second = repository.tags().list("latest", 3);
        Page<Tag> rest = repository.tags().list("v10", 3);

        assertThat(tagNames(first)).containsExactly("V1", "_x", "latest");
        assertThat(first.truncated()).isTrue();
        assertThat(tagNames(second)).containsExactly("v1", "v10", "v2");
        assertThat(second.truncated()).isFalse();
        assertThat(tagNames(rest)).containsExactly("v2");
        assertThat(repository.tags().tagsOf(manifest.digest())).hasSize(6);
    }

    @Test
    void tagsOfARepositoryNothingWasPushedToIsNameUnknown() {
        assertCode(() -> registry.repository(RepositoryName.parse("ghost")).tags().list(null, 10), ErrorCode.NAME_UNKNOWN);
        Images.pushBlob(repository, "only a blob", MediaType.OCI_LAYER);
        assertThat(repository.tags().list(null, 10).items()).isEmpty();
    }

    @Test
    void describeGivesWhenTheTagWasWritten() {
        Manifest manifest = Images.pushImage(repository, "described");
        repository.tags().tag(Tag.parse("latest"), manifest.digest());

        assertThat(repository.tags().describe(Tag.parse("latest")))
                .contains(new TaggedManifest(Tag.parse("latest"), manifest.digest(), NOW));
        assertThat(repository.tags().describe(Tag.parse("absent"))).isEmpty();
    }

    @Test
    void catalogListsNestedRepositoriesInDistributionsOrderAPageAtATime() {
        for (String name : List.of("b", "a-b", "a/b", "a", "a/b/c", "z.z")) {
            Images.pushBlob(registry.repository(RepositoryName.parse(name)), name, MediaType.OCI_LAYER);
        }
        registry.repository(RepositoryName.parse("uploads/only")).uploads().start();

        Page<RepositoryName> first = registry.catalog().list(null, 4);
        Page<RepositoryName> rest = registry.catalog().list("a-b", 4);

        assertThat(first.items()).extracting(RepositoryName::value).containsExactly("a", "a/b", "a/b/c", "a-b");
        assertThat(first.truncated()).isTrue();
        assertThat(rest.items()).extracting(RepositoryName::value).containsExactly("b", "z.z");
        assertThat(rest.truncated()).isFalse();
    }

    @Test
    void referrersAreAnsweredFromTheIndexWrittenAtPushTime() {
        Manifest subject = Images.pushImage(repository, "subject");
        Descriptor empty = Images.pushBlob(repository, "{}", MediaType.OCI_EMPTY);
        Manifest signature = put(Images.imageManifest(empty, List.of(), subject.descriptor(), "application/vnd.dev.sig"));
        Manifest sbom = put(Images.imageManifest(empty, List.of(empty), subject.descriptor(), "application/spdx+json"));

        List<Descriptor> all = repository.manifests().referrers(subject.digest(), Optional.empty());
        List<Descriptor> signatures = repository.manifests().referrers(subject.digest(), Optional.of("application/vnd.dev.sig"));
        repository.manifests().delete(sbom.digest());

        assertThat(all).extracting(Descriptor::digest).containsExactlyInAnyOrder(signature.digest(), sbom.digest());
        assertThat(signatures).containsExactly(signature.referrerDescriptor());
        assertThat(repository.manifests().referrers(subject.digest(), Optional.empty()))
                .extracting(Descriptor::digest).containsExactly(signature.digest());
        assertThat(repository.manifests().referrers(sbom.digest(), Optional.empty())).isEmpty();
    }

    @Test
    void storageFailuresSurfaceAsUnavailableWithTheCause() {
        Manifest manifest = Images.pushImage(repository, "fails");
        Repository broken = StorageRegistry.builder(FaultInjectingDriver.crashingAt(driver, 1,
                FaultInjectingDriver.Timing.BEFORE)).build().repository(repository.name());

        Stream.<ThrowingCallable>of(() -> broken.manifests().get(manifest.digest()),
                () -> broken.tags().tag(Tag.parse("x"), manifest.digest()),
                () -> broken.uploads().start()).forEach(call -> assertThatThrownBy(call)
                .isInstanceOfSatisfying(RegistryException.class, unavailable()));
    }

    private Manifest put(byte[] bytes) {
        Manifest manifest = Images.parse(bytes);
        repository.manifests().put(manifest);
        return manifest;
    }

    private static Consumer<RegistryException> unavailable() {
        return e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getCause()).hasMessageContaining("injected failure");
        };
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static List<String> tagNames(Page<Tag> page) {
        return page.items().stream().map(Tag::value).collect(Collectors.toList());
    }
}
