package dev.berth.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code auth} section: one of distribution's three access controllers, with the options
 * distribution requires of each.
 */
public sealed interface AuthConfig {

    /** The section's key: {@code token}, {@code htpasswd} or {@code silly}. */
    String type();

    /** Token authentication: a bearer token from {@code realm}, signed by a key in {@code rootcertbundle} or {@code jwks}. */
    record Token(String realm, String service, String issuer, Optional<Path> rootCertBundle, Optional<Path> jwks,
            List<String> signingAlgorithms, boolean autoRedirect, String autoRedirectPath) implements AuthConfig {

        public Token {
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(issuer, "issuer");
            if (rootCertBundle.isEmpty() && jwks.isEmpty()) {
                throw new ConfigException("auth.token needs rootcertbundle or jwks");
            }
            signingAlgorithms = List.copyOf(signingAlgorithms);
            if (!autoRedirectPath.startsWith("/")) {
                throw new ConfigException("auth.token.autoredirectpath must start with '/', not '" + autoRedirectPath + "'");
            }
        }

        @Override
        public String type() {
            return "token";
        }
    }

    /** Basic authentication against an htpasswd file (bcrypt entries). */
    record Htpasswd(String realm, Path path) implements AuthConfig {
        public Htpasswd {
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String type() {
            return "htpasswd";
        }
    }

    /** distribution's development-only controller: any request with an Authorization header passes. */
    record Silly(String realm, String service) implements AuthConfig {
        public Silly {
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String type() {
            return "silly";
        }
    }

    static Optional<AuthConfig> from(ConfigNode auth) {
        List<String> types = auth.keys();
        if (types.isEmpty()) {
            return Optional.empty();
        }
        if (types.size() > 1) {
            throw auth.invalid("must name exactly one type, found " + String.join(", ", types));
        }
        ConfigNode options = auth.get(types.get(0));
        return Optional.of(switch (types.get(0)) {
            case "token" -> new Token(options.required("realm"), options.required("service"), options.required("issuer"),
                    options.file("rootcertbundle"), options.file("jwks"), options.strings("signingalgorithms"),
                    options.bool("autoredirect", false), options.text("autoredirectpath", "/auth/token"));
            case "htpasswd" -> new Htpasswd(options.required("realm"), Path.of(options.required("path")));
            case "silly" -> new Silly(options.required("realm"), options.required("service"));
            default -> throw auth.invalid("type '" + types.get(0) + "' is unknown: use token, htpasswd or silly");
        });
    }
}
