package dev.berth.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import dev.berth.auth.keys.Ed25519Keys;
import dev.berth.auth.keys.KeyIds;
import dev.berth.auth.keys.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a registry trusts and every name a token may use for them. Each certificate's key
 * is known by its libtrust fingerprint (GitLab, distribution 2.x) and its RFC 7638 thumbprint
 * (distribution 3); each JWKS key by its own {@code kid} and both computed forms. The
 * certificates are also the anchors an {@code x5c} chain must end in.
 */
final class TrustedKeys {

    private final Map<String, PublicKey> byKeyId;
    private final Set<String> trustedEncodings;
    private final List<X509Certificate> anchors;

    private TrustedKeys(Map<String, PublicKey> byKeyId, Set<String> trustedEncodings, List<X509Certificate> anchors) {
        this.byKeyId = Map.copyOf(byKeyId);
        this.trustedEncodings = Set.copyOf(trustedEncodings);
        this.anchors = List.copyOf(anchors);
    }

    static TrustedKeys load(Optional<Path> rootCertBundle, Optional<Path> jwks) {
        List<X509Certificate> certificates = rootCertBundle.map(PemKeys::readCertificates).orElse(List.of());
        List<JWK> jwkKeys = jwks.map(TrustedKeys::readJwks).orElse(List.of());
        if (certificates.isEmpty() && jwkKeys.isEmpty()) {
            throw new IllegalArgumentException("token auth requires at least one token signing key: "
                    + rootCertBundle.map(p -> p + " holds no certificate").orElse("the JWKS is empty"));
        }
        return of(certificates, jwkKeys);
    }

    static TrustedKeys of(List<X509Certificate> certificates, List<JWK> jwks) {
        Map<String, PublicKey> byKeyId = new HashMap<>();
        Set<String> encodings = new HashSet<>();
        for (X509Certificate certificate : certificates) {
            add(byKeyId, encodings, certificate.getPublicKey());
        }
        for (JWK jwk : jwks) {
            PublicKey key = toPublicKey(jwk);
            add(byKeyId, encodings, key);
            if (jwk.getKeyID() != null) {
                byKeyId.put(jwk.getKeyID(), key);
            }
        }
        return new TrustedKeys(byKeyId, encodings, certificates);
    }

    Optional<PublicKey> byKeyId(String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /** Whether {@code key} is one of the trusted keys (compared by its DER encoding). */
    boolean isTrusted(PublicKey key) {
        return trustedEncodings.contains(Base64.getEncoder().encodeToString(key.getEncoded()));
    }

    /**
     * The leaf key of an {@code x5c} chain that validates (PKIX, at {@code now}) up to one of
     * the bundle's certificates. A leaf that is itself a bundle certificate is trusted as is.
     */
    PublicKey verifyChain(List<X509Certificate> chain, Instant now) throws GeneralSecurityException {
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("empty x509 certificate chain");
        }
        X509Certificate leaf = chain.get(0);
        if (anchors.contains(leaf)) {
            leaf.checkValidity(Date.from(now));
            return leaf.getPublicKey();
        }
        if (anchors.isEmpty()) {
            throw new GeneralSecurityException("no rootcertbundle to verify an x5c chain against");
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        // A chain may carry its root; PKIX wants the path without the anchor.
        while (path.size() > 1 && anchors.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        for (X509Certificate anchor : anchors) {
            trustAnchors.add(new TrustAnchor(anchor, null));
        }
        PKIXParameters parameters = new PKIXParameters(trustAnchors);
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(now));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        return leaf.getPublicKey();
    }

    private static void add(Map<String, PublicKey> byKeyId, Set<String> encodings, PublicKey key) {
        byKeyId.put(KeyIds.libtrust(key), key);
        byKeyId.put(KeyIds.thumbprint(key), key);
        encodings.add(Base64.getEncoder().encodeToString(key.getEncoded()));
    }

    static PublicKey toPublicKey(JWK jwk) {
        try {
            if (jwk instanceof OctetKeyPair okp) {
                return Ed25519Keys.fromRaw(okp.getX().decode());
            }
            if (jwk instanceof AsymmetricJWK asymmetric) {
                return asymmetric.toPublicKey();
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWK " + jwk.getKeyID() + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("JWK " + jwk.getKeyID() + " is not a public key (" + jwk.getKeyType() + ")");
    }

    private static List<JWK> readJwks(Path path) {
        try {
            return JWKSet.parse(Files.readString(path, StandardCharsets.UTF_8)).getKeys();
        } catch (IOException e) {
            throw new UncheckedIOException("unable to read token jwks file " + path, e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("failed to parse jwks " + path + ": " + e.getMessage(), e);
        }
    }
}
