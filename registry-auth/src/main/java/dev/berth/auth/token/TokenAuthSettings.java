package dev.berth.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The registry side of token auth: distribution's {@code auth.token} section as a typed value.
 *
 * @param realm             where clients get tokens ({@code realm})
 * @param service           the audience tokens must name ({@code service})
 * @param issuer            the {@code iss} tokens must carry ({@code issuer})
 * @param rootCertBundle    PEM certificates whose keys are trusted, also the anchors for
 *                          {@code x5c} chains ({@code rootcertbundle})
 * @param jwks              a JWK set file of trusted keys ({@code jwks})
 * @param signingAlgorithms accepted {@code alg} values ({@code signingalgorithms}); empty
 *                          means {@link #DEFAULT_ALGORITHMS}; {@code none} and HMAC are refused
 * @param autoRedirect      build the realm from the request's host ({@code autoredirect})
 * @param autoRedirectPath  the realm's path then ({@code autoredirectpath})
 * @param clock             the time tokens are checked against
 * @param leeway            allowed clock skew on {@code exp} and {@code nbf}
 * @param maxTokenLength    longer bearer tokens are refused before parsing
 */
public record TokenAuthSettings(String realm, String service, String issuer, Optional<Path> rootCertBundle,
                                Optional<Path> jwks, List<String> signingAlgorithms, boolean autoRedirect,
                                String autoRedirectPath, Clock clock, Duration leeway, int maxTokenLength) {

    /** Asymmetric algorithms only: RS*, PS*, ES* and EdDSA. */
    public static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384",
            "PS512", "ES256", "ES384", "ES512", "EdDSA");
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);
    public static final String DEFAULT_AUTO_REDIRECT_PATH = "/auth/token";
    /** Real tokens are 1–2 KiB; a larger one is an attack on the parser, not a credential. */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;

    public TokenAuthSettings {
        requireText(realm, "realm");
        requireText(service, "service");
        requireText(issuer, "issuer");
        Objects.requireNonNull(rootCertBundle, "rootCertBundle");
        Objects.requireNonNull(jwks, "jwks");
        if (rootCertBundle.isEmpty() && jwks.isEmpty()) {
            throw new IllegalArgumentException("token auth requires at least one token signing key: "
                    + "set rootcertbundle or jwks");
        }
        signingAlgorithms = List.copyOf(signingAlgorithms);
        for (String algorithm : signingAlgorithms) {
            checkAlgorithm(algorithm);
        }
        requireText(autoRedirectPath, "autoRedirectPath");
        Objects.requireNonNull(clock, "clock");
        if (leeway.isNegative()) {
            throw new IllegalArgumentException("leeway must not be negative");
        }
        if (maxTokenLength < 256) {
            throw new IllegalArgumentException("maxTokenLength below 256 would refuse every real token");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().realm(realm).service(service).issuer(issuer)
                .rootCertBundle(rootCertBundle.orElse(null)).jwks(jwks.orElse(null))
                .signingAlgorithms(signingAlgorithms).autoRedirect(autoRedirect).autoRedirectPath(autoRedirectPath)
                .clock(clock).leeway(leeway).maxTokenLength(maxTokenLength);
    }

    /** The algorithms actually accepted: the configured list, or the default one. */
    Set<JWSAlgorithm> acceptedAlgorithms() {
        Set<JWSAlgorithm> accepted = new LinkedHashSet<>();
        for (String name : signingAlgorithms.isEmpty() ? DEFAULT_ALGORITHMS : signingAlgorithms) {
            accepted.add(JWSAlgorithm.parse(name));
        }
        return Set.copyOf(accepted);
    }

    private static void checkAlgorithm(String name) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            throw new IllegalArgumentException("signing algorithm " + name + " refused: HMAC would verify with the "
                    + "certificate's public key, which anyone can read");
        }
        if (!Signatures.RSA.contains(algorithm) && !Signatures.EC.contains(algorithm)
                && !Signatures.EDDSA.contains(algorithm)) {
            throw new IllegalArgumentException("unsupported signing algorithm: " + name);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("token auth requires a valid option string: " + name);
        }
    }

    /** Builds settings; realm, service, issuer and a trust source are required. */
    public static final class Builder {
        private String realm;
        private String service;
        private String issuer;
        private Path rootCertBundle;
        private Path jwks;
        private List<String> signingAlgorithms = List.of();
        private boolean autoRedirect;
        private String autoRedirectPath = DEFAULT_AUTO_REDIRECT_PATH;
        private Clock clock = Clock.systemUTC();
        private Duration leeway = DEFAULT_LEEWAY;
        private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;

        private Builder() {
        }

        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder rootCertBundle(Path rootCertBundle) {
            this.rootCertBundle = rootCertBundle;
            return this;
        }

        public Builder jwks(Path jwks) {
            this.jwks = jwks;
            return this;
        }

        public Builder signingAlgorithms(List<String> signingAlgorithms) {
            this.signingAlgorithms = new ArrayList<>(signingAlgorithms);
            return this;
        }

        public Builder autoRedirect(boolean autoRedirect) {
            this.autoRedirect = autoRedirect;
            return this;
        }

        public Builder autoRedirectPath(String autoRedirectPath) {
            this.autoRedirectPath = autoRedirectPath;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder leeway(Duration leeway) {
            this.leeway = leeway;
            return this;
        }

        public Builder maxTokenLength(int maxTokenLength) {
            this.maxTokenLength = maxTokenLength;
            return this;
        }

        public TokenAuthSettings build() {
            return new TokenAuthSettings(realm, service, issuer, Optional.ofNullable(rootCertBundle),
                    Optional.ofNullable(jwks), signingAlgorithms, autoRedirect, autoRedirectPath, clock, leeway,
                    maxTokenLength);
        }
    }
}
