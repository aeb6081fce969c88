package dev.berth.gc;

import dev.berth.api.Digest;
import dev.berth.api.RepositoryName;
import java.util.List;
import java.util.Objects;

/**
 * The mark phase's verdict on one repository: each manifest revision, in digest order, kept
 * (with the references it marked) or eligible for deletion.
 */
public record RepositoryMarking(RepositoryName repository, List<Verdict> manifests) {

    public RepositoryMarking {
        Objects.requireNonNull(repository, "repository");
        manifests = List.copyOf(manifests);
    }

    /** One manifest: kept, with every digest it references, or not kept. */
    public record Verdict(Digest manifest, boolean kept, List<Digest> references) {

        public Verdict {
            Objects.requireNonNull(manifest, "manifest");
            references = List.copyOf(references);
        }
    }
}
