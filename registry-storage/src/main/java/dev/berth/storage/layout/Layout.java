package dev.berth.storage.layout;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every storage path of distribution's layout, and the format of the small files in it. No
 * other class builds a storage path, so the tree below is the whole truth about what Berth
 * reads and writes, and it is what distribution 2.8 reads and writes:
 *
 * <pre>
 * /docker/registry/v2/
 *   blobs/&lt;alg&gt;/&lt;first two hex&gt;/&lt;hex&gt;/data           the bytes of every blob, manifests included
 *   repositories/&lt;name&gt;/                             name may have several components
 *     _layers/&lt;alg&gt;/&lt;hex&gt;/link                        blob linked into the repository
 *     _manifests/revisions/&lt;alg&gt;/&lt;hex&gt;/link           manifest stored in the repository
 *     _manifests/tags/&lt;tag&gt;/current/link               the manifest the tag points at
 *     _manifests/tags/&lt;tag&gt;/index/&lt;alg&gt;/&lt;hex&gt;/link   every manifest the tag has pointed at
 *     _uploads/&lt;id&gt;/data                              bytes received so far
 *     _uploads/&lt;id&gt;/startedat                         when the upload started
 *     _uploads/&lt;id&gt;/hashstates/&lt;alg&gt;/&lt;offset&gt;        distribution's saved hash state (see below)
 *     _referrers/&lt;alg&gt;/&lt;hex&gt;/&lt;alg&gt;/&lt;hex&gt;/link         Berth only: subject, then a manifest whose subject it is
 * </pre>
 *
 * <p>A {@code link} file holds the digest string ({@code sha256:…}) with no newline;
 * {@code startedat} holds an RFC 3339 UTC time to the second ({@code 2026-11-27T08:54:55Z}),
 * as Go's {@code time.RFC3339} writes it.
 *
 * <p>{@code hashstates} are Go's marshalled SHA state, which the JDK's digests cannot produce;
 * Berth never writes them. That is safe both ways: distribution resuming an upload with no
 * saved state at its offset re-hashes the bytes on storage, and Berth always does so.
 *
 * <p>{@code _referrers} is Berth's index of the OCI referrers API, which distribution 2.8 does
 * not have. It sits under the repository in a directory starting with {@code _}, which
 * distribution's catalog walk skips and nothing else of distribution reads; its entries may
 * outlive a manifest that distribution's garbage collector removed, so readers check the
 * revision link before trusting one.
 */
public final class Layout {

    /** Where distribution keeps everything, below the driver's root. */
    public static final String ROOT = "/docker/registry/v2";
    /** The file name of every link. */
    public static final String LINK = "link";

    /** distribution's upload ids are UUIDs; anything we accept must at least be one safe path component. */
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final DateTimeFormatter RFC_3339_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private Layout() {
    }

    // Blobs

    /** {@code blobs/}: every blob of the registry. */
    public static String blobs() {
        return ROOT + "/blobs";
    }

    /** {@code blobs/<alg>}: the blobs of one algorithm, in {@code <2 hex>/<hex>} directories. */
    public static String blobs(DigestAlgorithm algorithm) {
        return blobs() + "/" + algorithm.id();
    }

    /** {@code blobs/<alg>/<2 hex>/<hex>}: a blob's directory. */
    public static String blob(Digest digest) {
        return blobs(digest.algorithm()) + "/" + digest.hex().substring(0, 2) + "/" + digest.hex();
    }

    /** {@code blobs/<alg>/<2 hex>/<hex>/data}: a blob's bytes. */
    public static String blobData(Digest digest) {
        return blob(digest) + "/data";
    }

    // Repositories

    /** {@code repositories/}: where the catalog walk starts. */
    public static String repositories() {
        return ROOT + "/repositories";
    }

    public static String repository(RepositoryName name) {
        return repositories() + "/" + name.value();
    }

    /** {@code _layers}: the directory whose presence makes a directory a repository, with {@code _manifests}. */
    public static String layers(RepositoryName name) {
        return repository(name) + "/_layers";
    }

    public static String layers(RepositoryName name, DigestAlgorithm algorithm) {
        return layers(name) + "/" + algorithm.id();
    }

    /** {@code _layers/<alg>/<hex>/link}: the blob is in the repository. */
    public static String layerLink(RepositoryName name, Digest digest) {
        return layers(name, digest.algorithm()) + "/" + digest.hex() + "/" + LINK;
    }

    // Manifests

    public static String manifests(RepositoryName name) {
        return repository(name) + "/_manifests";
    }

    public static String revisions(RepositoryName name, DigestAlgorithm algorithm) {
        return manifests(name) + "/revisions/" + algorithm.id();
    }

    /** {@code _manifests/revisions/<alg>/<hex>}: a revision's directory (distribution once kept signatures below it). */
    public static String revision(RepositoryName name, Digest digest) {
        return revisions(name, digest.algorithm()) + "/" + digest.hex();
    }

    /** {@code _manifests/revisions/<alg>/<hex>/link}: the manifest is in the repository. */
    public static String revisionLink(RepositoryName name, Digest digest) {
        return revision(name, digest) + "/" + LINK;
    }

    // Tags

    public static String tags(RepositoryName name) {
        return manifests(name) + "/tags";
    }

    /** {@code _manifests/tags/<tag>}: everything about one tag; deleting it untags. */
    public static String tag(RepositoryName name, Tag tag) {
        return tags(name) + "/" + tag.value();
    }

    /** {@code _manifests/tags/<tag>/current/link}: the manifest the tag points at. */
    public static String tagCurrentLink(RepositoryName name, Tag tag) {
        return tag(name, tag) + "/current/" + LINK;
    }

    /** {@code _manifests/tags/<tag>/index}: the manifests the tag has pointed at. */
    public static String tagIndex(RepositoryName name, Tag tag) {
        return tag(name, tag) + "/index";
    }

    /** {@code _manifests/tags/<tag>/index/<alg>/<hex>}: one entry of a tag's index. */
    public static String tagIndexEntry(RepositoryName name, Tag tag, Digest digest) {
        return tagIndex(name, tag) + "/" + digest.algorithm().id() + "/" + digest.hex();
    }

    public static String tagIndexLink(RepositoryName name, Tag tag, Digest digest) {
        return tagIndexEntry(name, tag, digest) + "/" + LINK;
    }

    // Uploads

    public static String uploads(RepositoryName name) {
        return repository(name) + "/_uploads";
    }

    /** {@code _uploads/<id>}: one upload; deleting it cancels the upload. */
    public static String upload(RepositoryName name, String id) {
        if (!isUploadId(id)) {
            throw new IllegalArgumentException("invalid upload id: " + id);
        }
        return uploads(name) + "/" + id;
    }

    public static String uploadData(RepositoryName name, String id) {
        return upload(name, id) + "/data";
    }

    public static String uploadStartedAt(RepositoryName name, String id) {
        return upload(name, id) + "/startedat";
    }

    /** {@code _uploads/<id>/hashstates/<alg>}: where distribution saves hash states; Berth only deletes them. */
    public static String uploadHashStates(RepositoryName name, String id, DigestAlgorithm algorithm) {
        return upload(name, id) + "/hashstates/" + algorithm.id();
    }

    public static String uploadHashState(RepositoryName name, String id, DigestAlgorithm algorithm, long offset) {
        return uploadHashStates(name, id, algorithm) + "/" + offset;
    }

    /** Whether {@code id} can name an upload: one safe path component, as distribution's UUIDs are. */
    public static boolean isUploadId(String id) {
        return id != null && UPLOAD_ID.matcher(id).matches();
    }

    // Referrers (Berth's own)

    /** {@code _referrers/<alg>/<hex>}: the manifests whose subject is {@code subject}. */
    public static String referrers(RepositoryName name, Digest subject) {
        return repository(name) + "/_referrers/" + subject.algorithm().id() + "/" + subject.hex();
    }

    public static String referrerLink(RepositoryName name, Digest subject, Digest referrer) {
        return referrers(name, subject) + "/" + referrer.algorithm().id() + "/" + referrer.hex() + "/" + LINK;
    }

    // File contents

    /** What a link file holds: the digest string, no newline. */
    public static byte[] link(Digest digest) {
        return digest.toString().getBytes(UTF_8);
    }

    /** The digest a link file holds; surrounding white space (written by hand, say) is tolerated. */
    public static Digest parseLink(byte[] content) {
        return Digest.parse(new String(content, UTF_8).trim());
    }

    /** What {@code startedat} holds: RFC 3339, UTC, whole seconds, as Go's {@code time.RFC3339}. */
    public static byte[] startedAt(Instant instant) {
        return RFC_3339_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)).getBytes(UTF_8);
    }

    /** Reads a {@code startedat} file, with or without fractions and offsets; empty when it is not a time. */
    public static Optional<Instant> parseStartedAt(byte[] content) {
        try {
            return Optional.of(OffsetDateTime.parse(new String(content, UTF_8).trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
