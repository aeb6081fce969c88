package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PerTestRegistryTest {

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    final RegistryExtension extension = RegistryExtension.builder().build();

    @RepeatedTest(2)
    void anInstanceFieldGivesEachTestAFreshRegistry(TestRegistry registry) {
        assertThat(SEEN.add(registry.baseUri().toString())).isTrue();
        assertThat(registry.client().catalog()).isEmpty();
        registry.client().push("fresh", "v1", TestImages.seeded(3).image(1, 16));
    }
}
