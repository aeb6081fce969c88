package dev.berth.api.manifest;

import dev.berth.api.Digest;
import java.util.Arrays;

/** The exact bytes of a manifest and their digest, shared by every manifest kind. */
public record ManifestContent(byte[] bytes, Digest digest) {

    /** A copy of the bytes. */
    public byte[] copy() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManifestContent other && digest.equals(other.digest)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return digest + " (" + bytes.length + " bytes)";
    }
}
