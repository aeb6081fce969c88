package dev.berth.gc.usage;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobInfo;
import dev.berth.api.store.Registry;
import dev.berth.api.store.Repository;
import dev.berth.gc.internal.Listings;
import dev.berth.gc.internal.Workers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Measures a registry: lists each repository's blob and manifest links, then stats every
 * distinct blob once. Read-only; storage calls run {@code parallelism} at a time.
 */
public final class UsageCalculator {

    private final Registry registry;
    private final int parallelism;

    public UsageCalculator(Registry registry, int parallelism) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.parallelism = parallelism;
    }

    public UsageReport measure() throws InterruptedException {
        try (Workers workers = new Workers(parallelism, "berth-usage")) {
            List<RepositoryName> names = Listings.repositories(registry);
            List<Linked> linked = workers.map(names, name -> Linked.of(registry.repository(name)));

            Map<Digest, Integer> holders = new HashMap<>();
            for (Linked repository : linked) {
                for (Digest digest : repository.digests()) {
                    holders.merge(digest, 1, Integer::sum);
                }
            }
            List<Digest> stored;
            try (Stream<Digest> all = registry.blobs().digests()) {
                stored = all.toList();
            }
            Set<Digest> toStat = new HashSet<>(stored);
            toStat.addAll(holders.keySet());
            Map<Digest, Long> sizes = new HashMap<>();
            for (BlobInfo info : workers.map(List.copyOf(toStat), d -> registry.blobs().stat(d))
                    .stream().flatMap(Optional::stream).toList()) {
                sizes.put(info.digest(), info.size());
            }

            List<UsageReport.RepositoryUsage> usages = new ArrayList<>();
            for (Linked repository : linked) {
                long bytes = 0;
                long exclusive = 0;
                for (Digest digest : repository.digests()) {
                    long size = sizes.getOrDefault(digest, 0L);
                    bytes += size;
                    if (holders.get(digest) == 1) {
                        exclusive += size;
                    }
                }
                usages.add(new UsageReport.RepositoryUsage(repository.name(), bytes, exclusive,
                        repository.digests().size(), repository.manifests(), repository.tags()));
            }
            long unique = holders.keySet().stream().mapToLong(d -> sizes.getOrDefault(d, 0L)).sum();
            long storedBytes = stored.stream().mapToLong(d -> sizes.getOrDefault(d, 0L)).sum();
            return new UsageReport(usages, unique, storedBytes, holders.size());
        }
    }

    /** A repository's links: its layer links and its manifest revisions (manifests are blobs too). */
    private record Linked(RepositoryName name, Set<Digest> digests, long manifests, long tags) {

        static Linked of(Repository repository) {
            Set<Digest> digests = new HashSet<>();
            long manifests;
            try (Stream<Digest> layers = repository.blobs().digests()) {
                layers.forEach(digests::add);
            }
            try (Stream<Digest> revisions = repository.manifests().digests()) {
                List<Digest> all = revisions.toList();
                manifests = all.size();
                digests.addAll(all);
            }
            return new Linked(repository.name(), digests, manifests, Listings.tags(repository.tags()).size());
        }
    }
}
