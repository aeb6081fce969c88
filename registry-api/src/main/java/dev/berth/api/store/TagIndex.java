package dev.berth.api.store;

import dev.berth.api.Digest;
import dev.berth.api.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The tags of one repository. */
public interface TagIndex {

    /** Points {@code tag} at a stored manifest ({@code MANIFEST_UNKNOWN} when it is not stored). */
    void tag(Tag tag, Digest digest);

    Optional<Digest> resolve(Tag tag);

    /** The tag with when it was last moved: what cleanup policies sort by. */
    Optional<TaggedManifest> describe(Tag tag);

    /** Removes the tag; false when there was none. The manifest stays. */
    boolean untag(Tag tag);

    /** Up to {@code n} tags after {@code last} (exclusive; null for the start), in lexical order. */
    Page<Tag> list(String last, int n);

    /** The tags pointing at {@code digest}. */
    List<Tag> tagsOf(Digest digest);

    /** A tag, its manifest and when the tag was last written. */
    record TaggedManifest(Tag tag, Digest digest, Instant updatedAt) {
    }
}
