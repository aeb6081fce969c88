package dev.berth.gc;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of marking every repository once: the snapshots it worked from, the revisions kept
 * in each repository, and every digest marked (kept manifests and all they reference).
 *
 * <p>The mark hands its collections over: they are wrapped, not copied, since {@code marked}
 * holds every blob a large registry keeps and copying it costs as much as filling it.
 */
record MarkPass(List<RepositorySnapshot> repositories, Map<RepositoryName, Set<Digest>> kept, Set<Digest> marked) {

    MarkPass {
        repositories = List.copyOf(repositories);
        kept = Collections.unmodifiableMap(kept);
        marked = Collections.unmodifiableSet(marked);
    }

    long keptManifests() {
        return kept.values().stream().mapToLong(Set::size).sum();
    }
}
