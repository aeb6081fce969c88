package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Descriptor;
import dev.berth.api.MediaType;
import dev.berth.api.Platform;
import dev.berth.api.manifest.ImageIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestImagesTest {

    @Test
    void theSameSeedMakesTheSameImages() {
        TestImage first = TestImages.seeded(7).image(3, 1024);
        TestImage second = TestImages.seeded(7).image(3, 1024);
        assertThat(first.digest()).isEqualTo(second.digest());
        assertThat(first.allBlobs()).isEqualTo(second.allBlobs());
    }

    @Test
    void differentSeedsMakeDifferentImages() {
        assertThat(TestImages.seeded(1).image(1, 64).digest()).isNotEqualTo(TestImages.seeded(2).image(1, 64).digest());
    }

    @Test
    void anImageReferencesItsConfigAndLayers() {
        TestImage image = TestImages.seeded(3).image(2, 100);
        assertThat(image.manifest().references()).extracting(Descriptor::digest)
                .containsExactlyElementsOf(image.blobs().stream().map(TestBlob::digest).toList());
        assertThat(image.blobs().get(1).size()).isEqualTo(100);
    }

    @Test
    void aMultiArchIndexListsEachPlatformsManifest() {
        TestImage index = TestImages.seeded(4)
                .multiArch(List.of(Platform.of("linux", "amd64"), Platform.of("linux", "arm64")), 1, 32);

        assertThat(index.mediaType()).isEqualTo(MediaType.OCI_INDEX);
        assertThat(index.children()).hasSize(2);
        assertThat(((ImageIndex) index.manifest()).manifests())
                .extracting(descriptor -> descriptor.platform().architecture())
                .containsExactly("amd64", "arm64");
        assertThat(index.manifestsInPushOrder()).last().isEqualTo(index);
        assertThat(index.allBlobs()).hasSize(4);
    }

    @Test
    void anArtifactPointsAtItsSubject() {
        TestImages images = TestImages.seeded(5);
        TestImage image = images.image(1, 10);
        TestImage signature = images.artifact(image, "application/vnd.example.signature", 64);

        assertThat(signature.manifest().subject()).map(Descriptor::digest).contains(image.digest());
        assertThat(signature.manifest().referrerDescriptor().artifactType()).isEqualTo("application/vnd.example.signature");
    }
}
