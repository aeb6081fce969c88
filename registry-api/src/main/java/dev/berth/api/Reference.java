package dev.berth.api;

/** What follows {@code /manifests/} in a URL: a {@link Tag} or a {@link Digest}. */
public sealed interface Reference permits Tag, Digest {

    /**
     * Parses a reference: a digest when it has a colon (tags cannot), a tag otherwise. Throws
     * {@link ErrorCode#DIGEST_INVALID} or {@link ErrorCode#TAG_INVALID}.
     */
    static Reference parse(String text) {
        if (text != null && text.indexOf(':') >= 0) {
            return Digest.parse(text);
        }
        return Tag.parse(text);
    }
}
