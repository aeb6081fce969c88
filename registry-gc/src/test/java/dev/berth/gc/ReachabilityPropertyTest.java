package dev.berth.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.Registry;
import dev.berth.storage.StorageRegistry;
import dev.berth.storage.inmemory.InMemoryDriver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property tests, with QuickTheories rather than jqwik (jqwik's maintainer asks coding agents
 * not to use it, and we respect that). Random repositories of images over a small pool of
 * layers, some tagged, some grouped under indexes; after a collection the store must hold
 * exactly what a model computes as reachable, and every tagged image must pull.
 */
class ReachabilityPropertyTest {

    /** One image to push: its layers (indexes into the pool), whether tagged, whether it joins the index. */
    record Plan(List<Integer> layers, boolean tagged, boolean inIndex) {
    }

    @Test
    void storeKeepsExactlyWhatIsReachableAndEveryTaggedImagePulls() {
        var plans = lists().of(integers().between(0, 5).zip(booleans().all(), booleans().all(),
                        (seed, tagged, inIndex) -> new Plan(layersFor(seed), tagged, inIndex)))
                .ofSizeBetween(1, 8);
        qt().withExamples(25).forAll(plans, booleans().all(), booleans().all())
                .checkAssert((images, removeUntagged, indexTagged) -> check(images, removeUntagged, indexTagged));
    }

    private static List<Integer> layersFor(int seed) {
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i <= seed % 3; i++) {
            layers.add((seed * 7 + i * 3) % 6);
        }
        return layers;
    }

    private static void check(List<Plan> plans, boolean removeUntagged, boolean indexTagged) {
        Registry registry = StorageRegistry.builder(new InMemoryDriver()).build();
        Images images = new Images(registry);
        List<Manifest> pushed = new ArrayList<>();
        List<Manifest> tagged = new ArrayList<>();
        List<Manifest> children = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Plan plan = plans.get(i);
            String[] layers = plan.layers().stream().map(l -> "pool layer " + l).toArray(String[]::new);
            Manifest image = images.image("repo", plan.tagged() ? "t" + i : null, layers);
            pushed.add(image);
            if (plan.tagged()) {
                tagged.add(image);
            }
            if (plan.inIndex()) {
                children.add(image);
            }
        }
        images.layer("repo", "an orphan upload");
        List<Manifest> roots = new ArrayList<>(removeUntagged ? tagged : pushed);
        if (!children.isEmpty()) {
            Manifest index = images.index("repo", indexTagged ? "multi" : null, children.toArray(Manifest[]::new));
            pushed.add(index);
            if (indexTagged || !removeUntagged) {
                roots.add(index);
                if (indexTagged) {
                    tagged.add(index);
                }
            }
        }

        try {
            new GarbageCollector(registry).collect(GcOptions.builder().offline().removeUntagged(removeUntagged).build());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }

        Set<Digest> reachable = new HashSet<>();
        for (Manifest root : roots) {
            reach(root, pushed, reachable);
        }
        assertThat(new HashSet<>(images.allBlobs())).isEqualTo(reachable);
        for (Manifest image : tagged) {
            assertThat(images.pulls("repo", image)).isTrue();
        }
    }

    /** The model: a manifest, its blobs, and (for an index) its children, recursively. */
    private static void reach(Manifest manifest, List<Manifest> pushed, Set<Digest> reachable) {
        reachable.add(manifest.digest());
        for (Descriptor reference : manifest.references()) {
            reachable.add(reference.digest());
            pushed.stream().filter(m -> m.digest().equals(reference.digest())).findFirst()
                    .ifPresent(child -> reach(child, pushed, reachable));
        }
    }
}
