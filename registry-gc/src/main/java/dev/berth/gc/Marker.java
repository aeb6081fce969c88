package dev.berth.gc;

import dev.berth.api.Digest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reachability inside one repository, in memory once the manifests are read. Roots are the
 * tagged revisions (and every revision unless untagged ones may go); from a kept manifest the
 * mark follows its references to child manifests of the same repository, to any depth, and to
 * the manifests whose {@code subject} it is (OCI 1.1 referrers: a signature or SBOM lives as
 * long as its image).
 *
 * <p>Distribution 2.8 does not recurse: with {@code -m} it marks only a tagged index's direct
 * references, so the untagged child manifests of a multi-arch image are deleted together with
 * their configs and layers, and the image no longer pulls on any platform (the known
 * "delete-untagged breaks manifest lists" bug, fixed only in distribution 3). Following
 * children here is what keeps multi-arch images whole.
 */
final class Marker {

    private Marker() {
    }

    /**
     * The revisions of {@code repository} to keep. Revisions without facts vanished while the
     * collection listed them and are neither kept nor deleted.
     */
    static Set<Digest> keep(RepositorySnapshot repository, Map<Digest, ManifestFacts> facts,
            boolean removeUntagged, Collection<Digest> extraRoots) {
        Set<Digest> revisions = new HashSet<>();
        Map<Digest, List<Digest>> referrers = new HashMap<>();
        for (Digest revision : repository.revisions()) {
            ManifestFacts manifest = facts.get(revision);
            if (manifest == null) {
                continue;
            }
            revisions.add(revision);
            if (removeUntagged) {
                manifest.subject().ifPresent(subject ->
                        referrers.computeIfAbsent(subject, s -> new ArrayList<>()).add(revision));
            }
        }
        if (!removeUntagged) {
            // Every revision is a root, and marking reaches nothing but revisions: all are kept.
            return revisions;
        }
        Deque<Digest> work = new ArrayDeque<>();
        for (Digest revision : revisions) {
            if (repository.tagged().contains(revision) || extraRoots.contains(revision)) {
                work.add(revision);
            }
        }
        Set<Digest> kept = new HashSet<>();
        while (!work.isEmpty()) {
            Digest manifest = work.pop();
            if (!kept.add(manifest)) {
                continue;
            }
            for (Digest reference : facts.get(manifest).references()) {
                if (revisions.contains(reference) && !kept.contains(reference)) {
                    work.push(reference);
                }
            }
            for (Digest referrer : referrers.getOrDefault(manifest, List.of())) {
                if (!kept.contains(referrer)) {
                    work.push(referrer);
                }
            }
        }
        return kept;
    }

    /** The verdicts on a repository's revisions, in digest order, for the listener. */
    static RepositoryMarking marking(RepositorySnapshot repository, Map<Digest, ManifestFacts> facts, Set<Digest> kept) {
        List<RepositoryMarking.Verdict> verdicts = new ArrayList<>(repository.revisions().size());
        for (Digest revision : repository.revisions()) {
            ManifestFacts manifest = facts.get(revision);
            if (manifest == null) {
                continue;
            }
            boolean keep = kept.contains(revision);
            verdicts.add(new RepositoryMarking.Verdict(revision, keep, keep ? manifest.references() : List.of()));
        }
        return new RepositoryMarking(repository.name(), verdicts);
    }
}
