package dev.berth.gc;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.store.Repository;
import dev.berth.api.store.TagIndex;
import dev.berth.gc.internal.Listings;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One repository as listed at one moment: its manifest revisions (in digest order), the
 * digests its tags point at, and its layer links. Everything the mark phase needs besides the
 * manifests' content. The layer links are handed over, wrapped rather than copied: a
 * repository can link hundreds of thousands of blobs.
 */
record RepositorySnapshot(RepositoryName name, List<Digest> revisions, Set<Digest> tagged, Set<Digest> layerLinks) {

    RepositorySnapshot {
        revisions = List.copyOf(revisions);
        tagged = Set.copyOf(tagged);
        layerLinks = Collections.unmodifiableSet(layerLinks);
    }

    /**
     * Lists the repository. Tags are read only when {@code withTags}: without removing untagged
     * manifests every revision is a root anyway, and distribution does not read them either.
     */
    static RepositorySnapshot take(Repository repository, boolean withTags) {
        List<Digest> revisions;
        try (Stream<Digest> digests = repository.manifests().digests()) {
            revisions = digests.sorted(RepositorySnapshot::compare).toList();
        }
        Set<Digest> links;
        try (Stream<Digest> digests = repository.blobs().digests()) {
            links = new HashSet<>();
            digests.forEach(links::add);
        }
        Set<Digest> tagged = withTags ? taggedDigests(repository.tags()) : Set.of();
        return new RepositorySnapshot(repository.name(), revisions, tagged, links);
    }

    /** What every current tag points at; a tag removed while listing is simply not there. */
    private static Set<Digest> taggedDigests(TagIndex tags) {
        Set<Digest> tagged = new HashSet<>();
        for (Tag tag : Listings.tags(tags)) {
            tags.resolve(tag).ifPresent(tagged::add);
        }
        return tagged;
    }

    /**
     * Digest order as distribution prints it: by the canonical string {@code algorithm:hex}.
     * Algorithm ids have one length, so that is the algorithm id, then the hex; compared so,
     * a sort builds no strings.
     */
    static int compare(Digest a, Digest b) {
        int byAlgorithm = a.algorithm().id().compareTo(b.algorithm().id());
        return byAlgorithm != 0 ? byAlgorithm : a.hex().compareTo(b.hex());
    }
}
