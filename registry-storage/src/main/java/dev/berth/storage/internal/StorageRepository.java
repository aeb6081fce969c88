package dev.berth.storage.internal;

import dev.berth.api.RepositoryName;
import dev.berth.api.store.BlobStore;
import dev.berth.api.store.BlobUploads;
import dev.berth.api.store.ManifestIndex;
import dev.berth.api.store.Repository;
import dev.berth.api.store.TagIndex;
import dev.berth.storage.layout.Layout;

/** One repository on storage; making one does no I/O. */
public final class StorageRepository implements Repository {

    private final Store store;
    private final RepositoryName name;
    private final LinkedBlobs blobs;
    private final Uploads uploads;
    private final Tags tags;
    private final Manifests manifests;

    public StorageRepository(Store store, RepositoryName name, GlobalBlobs global) {
        this.store = store;
        this.name = name;
        this.blobs = new LinkedBlobs(store.storage(), name, global);
        this.uploads = new Uploads(store, name, blobs, global);
        this.tags = new Tags(store, name, this::exists);
        this.manifests = new Manifests(store, name, blobs, tags);
    }

    @Override
    public RepositoryName name() {
        return name;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public BlobUploads uploads() {
        return uploads;
    }

    @Override
    public ManifestIndex manifests() {
        return manifests;
    }

    @Override
    public TagIndex tags() {
        return tags;
    }

    /** What makes a repository for distribution's catalog: a {@code _manifests} or {@code _layers} directory. */
    @Override
    public boolean exists() {
        return store.storage().exists(Layout.manifests(name)) || store.storage().exists(Layout.layers(name));
    }

    @Override
    public String toString() {
        return name.value();
    }
}
