package dev.berth.gc;

import dev.berth.api.Digest;
import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.BlobInfo;
import dev.berth.api.store.Registry;
import dev.berth.gc.GcProgress.Phase;
import dev.berth.gc.GcReport.DeletedBlob;
import dev.berth.gc.GcReport.DeletedManifest;
import dev.berth.gc.GcReport.LayerLink;
import dev.berth.gc.internal.Listings;
import dev.berth.gc.internal.Progress;
import dev.berth.gc.internal.Workers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One collection: mark every repository, list the blobs, and only then delete. Storage calls
 * go to the worker pool; decisions are made on the calling thread.
 */
final class CollectionRun {

    private final Registry registry;
    private final GcOptions options;
    private final Workers workers;
    private final long startNanos = System.nanoTime();
    private final Instant cutoff;
    /** Manifests by digest: content-addressed, so read once whichever repository holds them. */
    private final Map<Digest, ManifestFacts> facts = new ConcurrentHashMap<>();
    /** When each manifest's content was written, read only for online runs that remove untagged ones. */
    private final Map<Digest, Instant> manifestWritten = new ConcurrentHashMap<>();

    CollectionRun(Registry registry, GcOptions options, Workers workers) {
        this.registry = registry;
        this.options = options;
        this.workers = workers;
        this.cutoff = options.clock().instant().minus(options.gracePeriod());
    }

    GcReport run() throws InterruptedException {
        // The walk over every blob needs nothing from the mark, and on a filesystem it is one
        // long run of directory listings on one thread: it goes beside the mark. Online that
        // is no less safe than walking afterwards: a blob written during the mark is either
        // missed by the walk (so not swept) or listed and younger than the grace period.
        Workers.Forked<List<Digest>> allBlobs = workers.fork(this::allBlobs);
        MarkPass first;
        try {
            first = mark(true);
        } catch (InterruptedException | RuntimeException e) {
            allBlobs.cancel();
            throw e;
        }
        // Only an online run adds to what the first mark found (its second look at the registry).
        Set<Digest> marked = options.online() ? new HashSet<>(first.marked()) : first.marked();

        checkInterrupted();
        List<Digest> unmarked = allBlobs.join().stream().filter(d -> !marked.contains(d)).toList();
        List<BlobInfo> stats = statAll(unmarked);
        Map<Digest, Long> eligibleBlobs = new LinkedHashMap<>();
        Set<Digest> spared = new HashSet<>();
        for (BlobInfo info : stats) {
            if (options.online() && info.modifiedAt().isAfter(cutoff)) {
                spared.add(info.digest());
            } else {
                eligibleBlobs.put(info.digest(), info.size());
            }
        }
        checkInterrupted();
        List<DeletedManifest> manifests = eligibleManifests(first);
        List<LayerLink> links = eligibleLinks(first, marked, spared);
        MarkPass last = first;
        if (options.dryRun()) {
            if (options.online()) {
                last = mark(false);
                marked.addAll(last.marked());
                eligibleBlobs.keySet().removeAll(last.marked());
                manifests = eligibleManifests(last);
                links = eligibleLinks(last, marked, spared);
            }
        } else if (options.online()) {
            Sweep sweep = new Sweep(registry, workers, options.listener(), startNanos);
            manifests = sweep.untaggedManifests(manifests);
            // Hide the doomed blobs from pushes first: a manifest put checks the repository's
            // link, so from here on a push that wants one of them uploads it again (fresh, so
            // spared) or is refused. Then look at the registry once more: whatever a push
            // finished referencing meanwhile is kept, and its links are put back.
            links = sweep.links(links);
            last = mark(false);
            marked.addAll(last.marked());
            Set<Digest> rescued = new HashSet<>(last.marked());
            rescued.retainAll(links.stream().map(LayerLink::digest).toList());
            eligibleBlobs.keySet().removeAll(last.marked());
            links = sweep.relink(links, rescued);
            return report(last, marked, sweep.blobsStillOlderThan(blobs(eligibleBlobs), cutoff), manifests, links, spared);
        } else {
            Sweep sweep = new Sweep(registry, workers, options.listener(), startNanos);
            manifests = sweep.manifests(manifests);
            List<DeletedBlob> deleted = sweep.blobs(blobs(eligibleBlobs));
            return report(first, marked, deleted, manifests, sweep.links(links), spared);
        }
        return report(last, marked, blobs(eligibleBlobs), manifests, links, spared);
    }

    private GcReport report(MarkPass last, Set<Digest> marked, List<DeletedBlob> blobs, List<DeletedManifest> manifests,
            List<LayerLink> links, Set<Digest> spared) {
        return new GcReport(options.dryRun(), marked.size(), last.keptManifests(), blobs, manifests, links,
                spared.size(), Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static List<DeletedBlob> blobs(Map<Digest, Long> eligible) {
        return eligible.entrySet().stream()
                .map(e -> new DeletedBlob(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(b -> b.digest().toString()))
                .toList();
    }

    /** Lists and reads every repository, marks it, and (once) tells the listener each verdict in catalog order. */
    private MarkPass mark(boolean tell) throws InterruptedException {
        List<RepositoryName> names = Listings.repositories(registry);
        Progress listing = new Progress(options.listener(), Phase.LIST, startNanos, names.size());
        List<RepositorySnapshot> snapshots = workers.map(names, name -> {
            RepositorySnapshot snapshot = RepositorySnapshot.take(registry.repository(name), options.removeUntagged());
            listing.step();
            return snapshot;
        });
        listing.finish();
        readManifests(snapshots);

        Map<RepositoryName, Set<Digest>> kept = new HashMap<>();
        Set<Digest> marked = new HashSet<>();
        for (RepositorySnapshot snapshot : snapshots) {
            checkInterrupted();
            Set<Digest> keep = Marker.keep(snapshot, facts, options.removeUntagged(), Set.of());
            if (options.online() && options.removeUntagged()) {
                Set<Digest> young = youngUnkept(snapshot, keep);
                if (!young.isEmpty()) {
                    keep = Marker.keep(snapshot, facts, true, young);
                }
            }
            kept.put(snapshot.name(), keep);
            for (Digest manifest : keep) {
                marked.add(manifest);
                marked.addAll(facts.get(manifest).references());
            }
            if (tell) {
                options.listener().repositoryMarked(Marker.marking(snapshot, facts, keep));
            }
        }
        return new MarkPass(snapshots, kept, marked);
    }

    /** Reads, in parallel, each manifest not read yet (by digest, from any repository that has it). */
    private void readManifests(List<RepositorySnapshot> snapshots) throws InterruptedException {
        Map<Digest, RepositoryName> toRead = new LinkedHashMap<>();
        for (RepositorySnapshot snapshot : snapshots) {
            for (Digest revision : snapshot.revisions()) {
                if (!facts.containsKey(revision)) {
                    toRead.putIfAbsent(revision, snapshot.name());
                }
            }
        }
        Progress reading = new Progress(options.listener(), Phase.READ_MANIFESTS, startNanos, toRead.size());
        workers.map(List.copyOf(toRead.entrySet()), entry -> {
            read(entry.getValue(), entry.getKey()).ifPresent(manifest -> facts.put(entry.getKey(), ManifestFacts.of(manifest)));
            reading.step();
            return entry.getKey();
        });
        reading.finish();
    }

    /**
     * A revision whose content cannot be read stops the collection (as in distribution), unless
     * the revision itself is gone: deleted by a client while we listed.
     */
    private Optional<Manifest> read(RepositoryName name, Digest digest) {
        var manifests = registry.repository(name).manifests();
        Optional<Manifest> manifest = manifests.get(digest);
        if (manifest.isEmpty() && manifests.exists(digest)) {
            throw ErrorCode.MANIFEST_UNKNOWN.exception(
                    "manifest revision has no readable content; garbage collection stopped before deleting anything",
                    name + "@" + digest);
        }
        return manifest;
    }

    /** Untagged, unreferenced revisions written within the grace period: maybe a push in progress. */
    private Set<Digest> youngUnkept(RepositorySnapshot snapshot, Set<Digest> keep) throws InterruptedException {
        List<Digest> unkept = snapshot.revisions().stream()
                .filter(d -> facts.containsKey(d) && !keep.contains(d))
                .toList();
        workers.map(unkept, digest -> manifestWritten.computeIfAbsent(digest,
                d -> registry.blobs().stat(d).map(BlobInfo::modifiedAt).orElse(Instant.MAX)));
        Set<Digest> young = new HashSet<>();
        for (Digest digest : unkept) {
            if (manifestWritten.get(digest).isAfter(cutoff)) {
                young.add(digest);
            }
        }
        return young;
    }

    private List<Digest> allBlobs() {
        try (Stream<Digest> all = registry.blobs().digests()) {
            return all.toList();
        }
    }

    private List<BlobInfo> statAll(List<Digest> digests) throws InterruptedException {
        Progress scanning = new Progress(options.listener(), Phase.SCAN_BLOBS, startNanos, digests.size());
        List<Optional<BlobInfo>> stats = workers.map(digests, digest -> {
            Optional<BlobInfo> info = registry.blobs().stat(digest);
            scanning.step();
            return info;
        });
        scanning.finish();
        return stats.stream().flatMap(Optional::stream).toList();
    }

    private List<DeletedManifest> eligibleManifests(MarkPass pass) {
        List<DeletedManifest> eligible = new ArrayList<>();
        for (RepositorySnapshot snapshot : pass.repositories()) {
            Set<Digest> kept = pass.kept().get(snapshot.name());
            for (Digest revision : snapshot.revisions()) {
                ManifestFacts manifest = facts.get(revision);
                if (manifest != null && !kept.contains(revision)) {
                    eligible.add(new DeletedManifest(snapshot.name(), revision, manifest.size()));
                }
            }
        }
        return eligible;
    }

    /**
     * Layer links whose blob goes (or is already gone): distribution 3 removes them too, so a
     * repository never claims a blob the registry no longer has.
     */
    private List<LayerLink> eligibleLinks(MarkPass pass, Set<Digest> marked, Set<Digest> spared) throws InterruptedException {
        // On the workers, a repository each: tens of thousands of lookups in the finished mark.
        List<List<LayerLink>> perRepository = workers.map(pass.repositories(), snapshot -> snapshot.layerLinks().stream()
                .filter(d -> !marked.contains(d) && !spared.contains(d))
                .sorted(RepositorySnapshot::compare)
                .map(d -> new LayerLink(snapshot.name(), d))
                .toList());
        return perRepository.stream().flatMap(List::stream).toList();
    }

    static void checkInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("garbage collection interrupted");
        }
    }

    static boolean isUnknown(RegistryException e) {
        return e.code() == ErrorCode.BLOB_UNKNOWN || e.code() == ErrorCode.MANIFEST_UNKNOWN
                || e.code() == ErrorCode.NAME_UNKNOWN;
    }
}
