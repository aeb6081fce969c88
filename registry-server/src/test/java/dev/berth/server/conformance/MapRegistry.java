package dev.berth.server.conformance;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.Digester;
import dev.berth.api.ErrorCode;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.BlobInfo;
import dev.berth.api.store.BlobStore;
import dev.berth.api.store.BlobUpload;
import dev.berth.api.store.BlobUploads;
import dev.berth.api.store.Catalog;
import dev.berth.api.store.ManifestIndex;
import dev.berth.api.store.Page;
import dev.berth.api.store.Registry;
import dev.berth.api.store.Repository;
import dev.berth.api.store.TagIndex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/** TEMPORARY: a map-backed registry until StorageRegistry lands on main. */
final class MapRegistry implements Registry {

    private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<RepositoryName, Repo> repos = new ConcurrentSkipListMap<>();

    @Override
    public Repository repository(RepositoryName name) {
        return repos.computeIfAbsent(name, Repo::new);
    }

    @Override
    public Catalog catalog() {
        return (last, n) -> page(repos.values().stream().filter(Repo::exists).map(Repo::name).toList(),
                RepositoryName::value, last, n);
    }

    @Override
    public BlobStore blobs() {
        throw new UnsupportedOperationException();
    }

    static <T> Page<T> page(List<T> sorted, java.util.function.Function<T, String> key, String last, int n) {
        List<T> after = sorted.stream().filter(item -> last == null || key.apply(item).compareTo(last) > 0).toList();
        return new Page<>(after.subList(0, Math.min(n, after.size())), after.size() > n);
    }

    final class Repo implements Repository, BlobStore, BlobUploads, ManifestIndex, TagIndex {
        private final RepositoryName name;
        private final Map<Digest, Long> links = new ConcurrentHashMap<>();
        private final Map<String, Up> uploads = new ConcurrentHashMap<>();
        private final Map<Digest, Manifest> manifests = new ConcurrentHashMap<>();
        private final Map<Tag, Digest> tags = new ConcurrentSkipListMap<>();

        Repo(RepositoryName name) {
            this.name = name;
        }

        @Override public RepositoryName name() { return name; }
        @Override public BlobStore blobs() { return this; }
        @Override public BlobUploads uploads() { return this; }
        @Override public ManifestIndex manifests() { return this; }
        @Override public TagIndex tags() { return this; }
        @Override public boolean exists() { return !links.isEmpty() || !manifests.isEmpty(); }

        @Override
        public Optional<BlobInfo> stat(Digest digest) {
            return links.containsKey(digest) ? Optional.of(new BlobInfo(digest, MapRegistry.this.blobs.get(digest).length,
                    Instant.EPOCH)) : Optional.empty();
        }

        @Override
        public InputStream open(Digest digest, long offset) {
            byte[] b = MapRegistry.this.blobs.get(digest);
            if (b == null || !links.containsKey(digest)) {
                throw ErrorCode.BLOB_UNKNOWN.exception();
            }
            return new ByteArrayInputStream(b, (int) offset, b.length - (int) offset);
        }

        @Override public Optional<URI> redirect(Digest digest, String method, Duration expiry) { return Optional.empty(); }

        @Override
        public void delete(Digest digest) {
            if (links.remove(digest) == null) {
                if (manifests.remove(digest) == null) {
                    throw ErrorCode.BLOB_UNKNOWN.exception();
                }
                tags.values().removeIf(digest::equals);
            }
        }

        @Override public Stream<Digest> digests() { return links.keySet().stream(); }

        @Override
        public BlobUpload start() {
            Up up = new Up(UUID.randomUUID().toString());
            uploads.put(up.id, up);
            return up;
        }

        @Override
        public BlobUpload resume(String id) {
            Up up = uploads.get(id);
            if (up == null) {
                throw ErrorCode.BLOB_UPLOAD_UNKNOWN.exception();
            }
            return up;
        }

        @Override
        public Optional<Descriptor> mount(Digest digest, Optional<RepositoryName> from) {
            boolean there = from.map(f -> repos.containsKey(f) && repos.get(f).links.containsKey(digest))
                    .orElse(MapRegistry.this.blobs.containsKey(digest));
            if (!there) {
                return Optional.empty();
            }
            links.put(digest, 1L);
            return Optional.of(Descriptor.of("application/octet-stream", digest, MapRegistry.this.blobs.get(digest).length));
        }

        @Override public Stream<UploadInfo> list() { return Stream.empty(); }

        @Override
        public void put(Manifest manifest) {
            for (Descriptor d : manifest.references()) {
                if (!links.containsKey(d.digest()) && !manifests.containsKey(d.digest())) {
                    throw ErrorCode.MANIFEST_BLOB_UNKNOWN.exception("blob unknown", d.digest());
                }
            }
            manifests.put(manifest.digest(), manifest);
        }

        @Override public Optional<Manifest> get(Digest digest) { return Optional.ofNullable(manifests.get(digest)); }

        @Override public boolean exists(Digest digest) { return manifests.containsKey(digest); }

        @Override
        public List<Descriptor> referrers(Digest subject, Optional<String> artifactType) {
            List<Descriptor> out = new ArrayList<>();
            for (Manifest m : manifests.values()) {
                if (m.subject().isPresent() && m.subject().get().digest().equals(subject)) {
                    Descriptor d = m.referrerDescriptor();
                    if (artifactType.isEmpty() || artifactType.get().equals(d.artifactType())) {
                        out.add(d);
                    }
                }
            }
            return out;
        }

        @Override
        public void tag(Tag tag, Digest digest) {
            tags.put(tag, digest);
        }

        @Override public Optional<Digest> resolve(Tag tag) { return Optional.ofNullable(tags.get(tag)); }

        @Override public Optional<TaggedManifest> describe(Tag tag) { return Optional.empty(); }

        @Override public boolean untag(Tag tag) { return tags.remove(tag) != null; }

        @Override
        public Page<Tag> list(String last, int n) {
            return page(new ArrayList<>(tags.keySet()), Tag::value, last, n);
        }

        @Override public List<Tag> tagsOf(Digest digest) { return List.of(); }

        final class Up implements BlobUpload {
            final String id;
            final ByteArrayOutputStream data = new ByteArrayOutputStream();

            Up(String id) {
                this.id = id;
            }

            @Override public String id() { return id; }
            @Override public Instant startedAt() { return Instant.EPOCH; }
            @Override public synchronized long size() { return data.size(); }

            @Override
            public synchronized long append(InputStream content, long offset) {
                if (offset != data.size()) {
                    throw ErrorCode.RANGE_INVALID.exception();
                }
                try {
                    content.transferTo(data);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return data.size();
            }

            @Override
            public synchronized Descriptor commit(Digest expected, OptionalLong expectedSize) {
                byte[] bytes = data.toByteArray();
                Digester digester = Digester.create(expected.algorithm());
                digester.update(bytes, 0, bytes.length);
                if (!digester.digest().equals(expected)) {
                    throw ErrorCode.DIGEST_INVALID.exception();
                }
                MapRegistry.this.blobs.put(expected, bytes);
                links.put(expected, 1L);
                uploads.remove(id);
                return Descriptor.of("application/octet-stream", expected, bytes.length);
            }

            @Override public void cancel() { uploads.remove(id); }
        }
    }
}
