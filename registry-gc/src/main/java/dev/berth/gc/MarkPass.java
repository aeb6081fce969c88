package dev.berth.gc;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of marking every repository once: the snapshots it worked from, the revisions kept
 * in each repository, and every digest marked (kept manifests and all they reference).
 */
record MarkPass(List<RepositorySnapshot> repositories, Map<RepositoryName, Set<Digest>> kept, Set<Digest> marked) {

    MarkPass {
        repositories = List.copyOf(repositories);
        kept = Map.copyOf(kept);
        marked = Set.copyOf(marked);
    }

    long keptManifests() {
        return kept.values().stream().mapToLong(Set::size).sum();
    }
}
