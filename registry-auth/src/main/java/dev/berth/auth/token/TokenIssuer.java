package dev.berth.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.berth.auth.Scope;
import dev.berth.auth.keys.KeyIds;
import dev.berth.auth.keys.PemKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The application side of token auth (GitLab's role): signs short-lived registry tokens with
 * the private key whose certificate is the registry's {@code rootcertbundle}.
 *
 * <p>Tokens carry {@code iss}, {@code sub} (absent for anonymous), {@code aud} (one string, the
 * form distribution 2.x can read), {@code exp}, {@code nbf}, {@code iat}, a random {@code jti}
 * and the {@code access} claim. The header names the key by libtrust {@code kid} unless told
 * otherwise. Refresh tokens (for the OAuth2 {@code refresh_token} grant) are JWTs signed by
 * the same key with the audience {@code <service>#refresh} and no access, so a registry
 * refuses them as access tokens.
 */
public final class TokenIssuer {

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REFRESH_LIFETIME = Duration.ofDays(7);
    static final String REFRESH_AUDIENCE_SUFFIX = "#refresh";

    private final String issuer;
    private final KeyPair keyPair;
    private final List<X509Certificate> chain;
    private final KeyIdFormat keyIdFormat;
    private final Duration lifetime;
    private final Duration refreshLifetime;
    private final Clock clock;
    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final SecureRandom random;

    private TokenIssuer(Builder builder) {
        this.issuer = requireText(builder.issuer, "issuer");
        this.keyPair = Objects.requireNonNull(builder.keyPair, "signing key");
        this.chain = List.copyOf(builder.chain);
        this.keyIdFormat = Objects.requireNonNull(builder.keyIdFormat, "keyIdFormat");
        this.lifetime = requirePositive(builder.lifetime, "lifetime");
        this.refreshLifetime = requirePositive(builder.refreshLifetime, "refreshLifetime");
        this.clock = Objects.requireNonNull(builder.clock, "clock");
        this.random = Objects.requireNonNull(builder.random, "random");
        if (keyIdFormat == KeyIdFormat.X5C && chain.isEmpty()) {
            throw new IllegalArgumentException("x5c needs the signing certificate chain");
        }
        if (!chain.isEmpty() && !Arrays.equals(chain.get(0).getPublicKey().getEncoded(),
                keyPair.getPublic().getEncoded())) {
            throw new IllegalArgumentException("the first certificate of the chain is not the signing key's");
        }
        this.algorithm = Signatures.defaultAlgorithm(keyPair.getPublic());
        try {
            this.signer = Signatures.signer(keyPair.getPrivate());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable signing key: " + e.getMessage(), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The token lifetime ({@code expires_in}). */
    public Duration lifetime() {
        return lifetime;
    }

    /** Signs a token for {@code subject} (empty: anonymous) granting exactly {@code access}. */
    public IssuedToken issue(Optional<String> subject, String audience, List<Scope> access) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        JWTClaimsSet.Builder claims = baseClaims(audience, now, expires)
                .claim(AccessClaim.NAME, AccessClaim.write(access));
        subject.ifPresent(claims::subject);
        return new IssuedToken(sign(claims.build()), now, lifetime, access);
    }

    /** A refresh token for {@code subject}, good for the refresh lifetime. */
    public String issueRefreshToken(String subject, String audience) {
        Instant now = clock.instant();
        return sign(baseClaims(audience + REFRESH_AUDIENCE_SUFFIX, now, now.plus(refreshLifetime))
                .subject(requireText(subject, "subject")).build());
    }

    /**
     * The subject of a refresh token this issuer signed for {@code audience}, if it is valid
     * now: signed by this key, right issuer and audience, not expired.
     */
    public Optional<String> verifyRefreshToken(String token, String audience) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.getHeader().getAlgorithm().equals(algorithm)
                    || !Signatures.verify(jwt, keyPair.getPublic())) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            boolean valid = issuer.equals(claims.getIssuer())
                    && claims.getAudience().equals(List.of(audience + REFRESH_AUDIENCE_SUFFIX))
                    && expires != null && clock.instant().isBefore(expires.toInstant())
                    && claims.getSubject() != null && !claims.getSubject().isEmpty();
            return valid ? Optional.of(claims.getSubject()) : Optional.empty();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private JWTClaimsSet.Builder baseClaims(String audience, Instant now, Instant expires) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return new JWTClaimsSet.Builder().issuer(issuer).audience(requireText(audience, "audience"))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(expires))
                .jwtID(HexFormat.of().formatHex(id));
    }

    private String sign(JWTClaimsSet claims) {
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT);
        switch (keyIdFormat) {
            case LIBTRUST -> header.keyID(KeyIds.libtrust(keyPair.getPublic()));
            case JWK_THUMBPRINT -> header.keyID(KeyIds.thumbprint(keyPair.getPublic()));
            case X5C -> header.x509CertChain(encodedChain());
            default -> throw new IllegalStateException(keyIdFormat.toString());
        }
        // aud as a plain string: distribution 2.x unmarshals it into a string field.
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    private List<Base64> encodedChain() {
        List<Base64> encoded = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            try {
                encoded.add(Base64.encode(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("unencodable certificate", e);
            }
        }
        return encoded;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static Duration requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    /** Builds an issuer; {@code issuer} and a signing key are required. */
    public static final class Builder {
        private String issuer;
        private KeyPair keyPair;
        private List<X509Certificate> chain = List.of();
        private KeyIdFormat keyIdFormat = KeyIdFormat.LIBTRUST;
        private Duration lifetime = DEFAULT_LIFETIME;
        private Duration refreshLifetime = DEFAULT_REFRESH_LIFETIME;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();

        private Builder() {
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder signingKey(KeyPair keyPair) {
            this.keyPair = keyPair;
            return this;
        }

        /** The private key from a PEM file (PKCS#1, PKCS#8 or SEC1). */
        public Builder signingKey(Path privateKeyPem) {
            return signingKey(PemKeys.readKeyPair(privateKeyPem));
        }

        /** The signing certificate first, then intermediates; needed for {@link KeyIdFormat#X5C}. */
        public Builder certificateChain(List<X509Certificate> chain) {
            this.chain = List.copyOf(chain);
            return this;
        }

        public Builder keyIdFormat(KeyIdFormat keyIdFormat) {
            this.keyIdFormat = keyIdFormat;
            return this;
        }

        /** How long tokens live (GitLab's "Authorization token duration"); 5 minutes by default. */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public Builder refreshLifetime(Duration refreshLifetime) {
            this.refreshLifetime = refreshLifetime;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = random;
            return this;
        }

        public TokenIssuer build() {
            return new TokenIssuer(this);
        }
    }
}
