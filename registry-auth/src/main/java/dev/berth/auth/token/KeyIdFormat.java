package dev.berth.auth.token;

/** How an issued token names its signing key in the JWS header. */
public enum KeyIdFormat {
    /** {@code kid} = libtrust fingerprint: what GitLab sends and every distribution version reads. */
    LIBTRUST,
    /** {@code kid} = RFC 7638 JWK thumbprint: what distribution 3 looks up. */
    JWK_THUMBPRINT,
    /** {@code x5c} = the signing certificate chain, verified by the registry against its bundle. */
    X5C
}
