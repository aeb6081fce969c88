package dev.berth.testkit;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A blob made by {@link TestImages}: its descriptor and its bytes. Test content is small, so
 * it is held in memory; the registry under test still streams it.
 */
public final class TestBlob {

    private final Descriptor descriptor;
    private final byte[] content;

    TestBlob(String mediaType, byte[] content) {
        this.content = content.clone();
        this.descriptor = Descriptor.of(mediaType, Digest.sha256(content), content.length);
    }

    public Descriptor descriptor() {
        return descriptor;
    }

    public Digest digest() {
        return descriptor.digest();
    }

    public long size() {
        return descriptor.size();
    }

    /** A copy of the bytes. */
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestBlob other && descriptor.equals(other.descriptor) && Arrays.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(descriptor);
    }

    @Override
    public String toString() {
        return descriptor.mediaType() + " " + descriptor.digest() + " (" + content.length + " bytes)";
    }
}
