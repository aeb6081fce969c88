package dev.berth.storage.internal;

import dev.berth.api.Digest;
import dev.berth.api.ErrorCode;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.store.Page;
import dev.berth.api.store.TagIndex;
import dev.berth.storage.driver.StoragePaths;
import dev.berth.storage.layout.Layout;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A repository's tags: {@code _manifests/tags/<tag>/current/link}, plus the tag's index of
 * every manifest it has pointed at. Tagging writes the index entry, then the current link,
 * so the tag moves last; it first checks that the manifest is stored, under the repository
 * lock, so no tag is ever left pointing at a deleted revision.
 */
public record Tags(Store store, RepositoryName name, BooleanSupplier repositoryExists) implements TagIndex {

    @Override
    public void tag(Tag tag, Digest digest) {
        Storage storage = store.storage();
        Locks.Held lock = store.repositoryLocks().lock(name.value());
        try {
            boolean stored = digest.equals(storage.link(Layout.revisionLink(name, digest)).orElse(null))
                    && storage.exists(Layout.blobData(digest));
            if (!stored) {
                throw Manifests.unknown(digest);
            }
            storage.putLink(Layout.tagIndexLink(name, tag, digest), digest);
            storage.putLink(Layout.tagCurrentLink(name, tag), digest);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Digest> resolve(Tag tag) {
        return store.storage().link(Layout.tagCurrentLink(name, tag));
    }

    @Override
    public Optional<TaggedManifest> describe(Tag tag) {
        String current = Layout.tagCurrentLink(name, tag);
        return store.storage().stat(current).flatMap(info -> store.storage().link(current)
                .map(digest -> new TaggedManifest(tag, digest, info.modifiedAt())));
    }

    @Override
    public boolean untag(Tag tag) {
        Locks.Held lock = store.repositoryLocks().lock(name.value());
        try {
            return store.storage().delete(Layout.tag(name, tag));
        } finally {
            lock.unlock();
        }
    }

    /** {@code NAME_UNKNOWN} for a repository nothing was pushed to, as distribution answers. */
    @Override
    public Page<Tag> list(String last, int n) {
        List<Tag> all = all();
        if (all.isEmpty() && !repositoryExists.getAsBoolean()) {
            throw ErrorCode.NAME_UNKNOWN.exception("repository name not known to registry", name.value());
        }
        return Pages.after(all, Tag::value, last, n, String::compareTo);
    }

    @Override
    public List<Tag> tagsOf(Digest digest) {
        return all().stream().filter(tag -> resolve(tag).map(digest::equals).orElse(false)).toList();
    }

    /**
     * Holds the repository lock. Removes every tag pointing at {@code digest} and the digest's
     * entries in the other tags' indexes.
     */
    void removeAllOf(Digest digest) {
        for (Tag tag : all()) {
            if (resolve(tag).map(digest::equals).orElse(false)) {
                store.storage().delete(Layout.tag(name, tag));
            } else {
                store.storage().delete(Layout.tagIndexEntry(name, tag, digest));
            }
        }
    }

    private List<Tag> all() {
        return store.storage().list(Layout.tags(name)).stream()
                .map(StoragePaths::baseName)
                .filter(Tag::isValid)
                .map(Tag::parse)
                .sorted()
                .toList();
    }
}
