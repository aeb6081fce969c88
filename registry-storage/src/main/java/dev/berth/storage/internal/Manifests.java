package dev.berth.storage.internal;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.ErrorCode;
import dev.berth.api.MediaType;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.api.manifest.ImageIndex;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.ManifestIndex;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.layout.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A repository's manifests: bytes in {@code blobs/}, linked by {@code _manifests/revisions},
 * and, for manifests with a subject, an entry in Berth's {@code _referrers} index.
 *
 * <p>Put writes in the order that keeps every reader safe: the bytes, the referrers entry, then
 * the revision link; delete removes the tags first and the revision last. Changes to one
 * repository's manifests and tags are serialised in this process, so a delete racing a put or
 * a tag ends with both or neither.
 */
public record Manifests(Store store, RepositoryName name, LinkedBlobs blobs, Tags tags) implements ManifestIndex {

    private static final Set<String> FOREIGN_LAYER_TYPES = Set.of(MediaType.DOCKER_FOREIGN_LAYER,
            MediaType.OCI_LAYER_NONDISTRIBUTABLE, MediaType.OCI_LAYER_NONDISTRIBUTABLE_GZIP,
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd");

    @Override
    public void put(Manifest manifest) {
        Storage storage = store.storage();
        Locks.Held lock = store.repositoryLocks().lock(name.value());
        try {
            List<String> missing = missingReferences(manifest);
            if (!missing.isEmpty()) {
                throw ErrorCode.MANIFEST_BLOB_UNKNOWN.exception(
                        "manifest references a manifest or blob unknown to registry", String.join(",", missing));
            }
            Digest digest = manifest.digest();
            boolean known = storage.exists(Layout.revisionLink(name, digest));
            // Written even when the same bytes are there: they may be garbage an online
            // collection is about to delete, and a fresh write puts them inside its grace period.
            storage.put(Layout.blobData(digest), manifest.bytes());
            manifest.subject().ifPresent(subject ->
                    storage.putLink(Layout.referrerLink(name, subject.digest(), digest), digest));
            storage.putLink(Layout.revisionLink(name, digest), digest);
            checkStillComplete(manifest, known);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Manifest> get(Digest digest) {
        return bytes(digest).map(bytes -> store.parser().parseStored(bytes, digest));
    }

    @Override
    public boolean exists(Digest digest) {
        return isLinked(digest) && store.storage().exists(Layout.blobData(digest));
    }

    @Override
    public void delete(Digest digest) {
        Locks.Held lock = store.repositoryLocks().lock(name.value());
        try {
            if (!isLinked(digest)) {
                throw unknown(digest);
            }
            tags.removeAllOf(digest);
            subjectOf(digest).ifPresent(subject ->
                    store.storage().delete(StoragePaths.parent(Layout.referrerLink(name, subject, digest))));
            store.storage().delete(Layout.revision(name, digest));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Revisions with a link file; distribution leaves empty revision directories behind when it
     * deletes. The link is looked at, not read: {@link #get} reads it, and a collection lists
     * every revision of a registry before it reads any.
     */
    @Override
    public Stream<Digest> digests() {
        return Arrays.stream(DigestAlgorithm.values()).flatMap(algorithm ->
                store.storage().list(Layout.revisions(name, algorithm)).stream().sorted()
                        .map(StoragePaths::baseName)
                        .flatMap(hex -> GlobalBlobs.digest(algorithm, hex).stream())
                        .filter(digest -> store.storage().exists(Layout.revisionLink(name, digest))));
    }

    /**
     * From the index written at push time: one listing, then one read per referrer. Entries
     * whose manifest is gone (deleted by distribution's collector, say) are skipped.
     */
    @Override
    public List<Descriptor> referrers(Digest subject, Optional<String> artifactType) {
        List<Descriptor> found = new ArrayList<>();
        for (String algorithmDirectory : store.storage().list(Layout.referrers(name, subject))) {
            Optional<DigestAlgorithm> algorithm = DigestAlgorithm.forId(StoragePaths.baseName(algorithmDirectory));
            if (algorithm.isEmpty()) {
                continue;
            }
            for (String entry : store.storage().list(algorithmDirectory)) {
                GlobalBlobs.digest(algorithm.get(), StoragePaths.baseName(entry))
                        .flatMap(this::get)
                        .filter(referrer -> referrer.subject().map(s -> s.digest().equals(subject)).orElse(false))
                        .map(Manifest::referrerDescriptor)
                        .filter(d -> artifactType.isEmpty() || artifactType.get().equals(d.artifactType()))
                        .ifPresent(found::add);
            }
        }
        found.sort((a, b) -> a.digest().toString().compareTo(b.digest().toString()));
        return found;
    }

    boolean isLinked(Digest digest) {
        return digest.equals(store.storage().link(Layout.revisionLink(name, digest)).orElse(null));
    }

    private Optional<byte[]> bytes(Digest digest) {
        return isLinked(digest) ? store.storage().content(Layout.blobData(digest)) : Optional.empty();
    }

    private Optional<Digest> subjectOf(Digest digest) {
        try {
            return get(digest).flatMap(Manifest::subject).map(Descriptor::digest);
        } catch (RegistryException unparseable) {
            return Optional.empty();
        }
    }

    /**
     * Looks at the references once more, after the revision link is written: an online garbage
     * collection unlinks the blobs it will delete, then looks for manifests that reference them.
     * When every link is still here, this revision was written before that unlinking, so the
     * collection sees it and keeps the blobs; when one is gone, the collection may not have seen
     * it, so the revision is taken back (unless it was here before this put) and the client told
     * to push the blob again.
     */
    private void checkStillComplete(Manifest manifest, boolean knownBefore) {
        List<String> missing = missingReferences(manifest);
        if (missing.isEmpty()) {
            return;
        }
        if (!knownBefore) {
            Storage storage = store.storage();
            storage.delete(Layout.revisionLink(name, manifest.digest()));
            manifest.subject().ifPresent(subject ->
                    storage.delete(Layout.referrerLink(name, subject.digest(), manifest.digest())));
        }
        throw ErrorCode.MANIFEST_BLOB_UNKNOWN.exception(
                "a blob the manifest references was removed while it was pushed (garbage collection); push it again",
                String.join(",", missing));
    }

    /** What the manifest needs that the repository lacks; an index needs its children as manifests. */
    private List<String> missingReferences(Manifest manifest) {
        List<String> missing = new ArrayList<>();
        for (Descriptor reference : manifest.references()) {
            boolean present;
            if (FOREIGN_LAYER_TYPES.contains(reference.mediaType()) && !reference.urls().isEmpty()) {
                present = store.foreignUrls().permits(reference.urls())
                        || blobs.stat(reference.digest()).isPresent();
            } else if (manifest instanceof ImageIndex) {
                present = exists(reference.digest());
            } else {
                present = blobs.stat(reference.digest()).isPresent();
            }
            if (!present) {
                missing.add(reference.digest().toString());
            }
        }
        return missing;
    }

    static RegistryException unknown(Digest digest) {
        return ErrorCode.MANIFEST_UNKNOWN.exception("manifest unknown", digest.toString());
    }
}
