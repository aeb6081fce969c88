package dev.berth.gc.cleanup;

import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.store.Registry;
import dev.berth.api.store.Repository;
import dev.berth.api.store.TagIndex;
import dev.berth.api.store.TagIndex.TaggedManifest;
import dev.berth.gc.internal.Listings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies cleanup policies: it only untags. The manifests and blobs the removed tags held are
 * reclaimed by the next garbage collection with {@code removeUntagged}.
 */
public final class TagCleaner {

    private final Registry registry;
    private final Clock clock;

    public TagCleaner(Registry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Applies each repository's policy; with {@code dryRun}, only lists what it would untag. */
    public CleanupReport run(CleanupPolicies policies, boolean dryRun) {
        List<CleanupReport.RemovedTag> removed = new ArrayList<>();
        for (RepositoryName name : Listings.repositories(registry)) {
            Optional<CleanupPolicy> policy = policies.forRepository(name);
            if (policy.isPresent()) {
                removed.addAll(apply(registry.repository(name), policy.get(), dryRun));
            }
        }
        return new CleanupReport(dryRun, removed);
    }

    /** Applies one policy to one repository, returning the tags removed (or, in a dry run, to remove). */
    public List<CleanupReport.RemovedTag> apply(Repository repository, CleanupPolicy policy, boolean dryRun) {
        List<TaggedManifest> doomed = plan(repository.tags(), policy, clock.instant());
        List<CleanupReport.RemovedTag> removed = new ArrayList<>();
        for (TaggedManifest tag : doomed) {
            if (dryRun || repository.tags().untag(tag.tag())) {
                removed.add(new CleanupReport.RemovedTag(repository.name(), tag.tag(), tag.digest(), tag.updatedAt()));
            }
        }
        return removed;
    }

    /** The tags the policy removes, in GitLab's order of filters. */
    static List<TaggedManifest> plan(TagIndex tags, CleanupPolicy policy, Instant now) {
        List<TaggedManifest> candidates = new ArrayList<>();
        for (Tag tag : Listings.tags(tags)) {
            if (policy.nameEligible(tag.value())) {
                // A tag whose manifest went while we looked is not a candidate (GitLab skips tags without a manifest).
                tags.describe(tag).ifPresent(candidates::add);
            }
        }
        candidates.sort(Comparator.comparing(TaggedManifest::updatedAt).reversed()
                .thenComparing(t -> t.tag().value()));
        int keep = Math.min(policy.keepN().orElse(0), candidates.size());
        List<TaggedManifest> doomed = new ArrayList<>(candidates.subList(keep, candidates.size()));
        policy.olderThan().ifPresent(age -> {
            Instant threshold = now.minus(age);
            doomed.removeIf(t -> !t.updatedAt().isBefore(threshold));
        });
        doomed.sort(Comparator.comparing(t -> t.tag().value()));
        return doomed;
    }
}
