package dev.berth.server.config;

import static dev.berth.server.config.Shape.ANYTHING;
import static dev.berth.server.config.Shape.SCALAR;
import static dev.berth.server.config.Shape.field;
import static dev.berth.server.config.Shape.map;
import static dev.berth.server.config.Shape.parameters;
import static dev.berth.server.config.Shape.renamed;
import static dev.berth.server.config.Shape.scalars;
import static dev.berth.server.config.Shape.sequence;
import static dev.berth.server.config.Shape.struct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * distribution 2.8's {@code Configuration} type (configuration/configuration.go), plus the
 * few keys 3.0 added that administrators already write. The YAML keys are the struct tags; a
 * Go name is given where it differs, because environment overrides match Go names.
 */
final class ConfigSchema {

    private static final Shape HEADERS = map(sequence(SCALAR));

    private static final Shape LOG = struct(
            field("accesslog", scalars("disabled")),
            field("level"),
            field("formatter"),
            field("fields", map(ANYTHING)),
            field("hooks", sequence(struct(
                    field("disabled"),
                    field("type"),
                    field("levels", sequence(SCALAR)),
                    renamed("options", "MailOptions", struct(
                            field("smtp", scalars("addr", "username", "password", "insecure")),
                            field("from"),
                            field("to", sequence(SCALAR))))))),
            field("reportcaller"));

    private static final Shape STORAGE = new Shape.Dictionary(Map.of(
            "maintenance", new Shape.Dictionary(Map.of(
                    "uploadpurging", parameters("enabled", "age", "interval", "dryrun"),
                    "readonly", parameters("enabled")), Optional.empty(), false),
            "cache", parameters("blobdescriptor"),
            "delete", parameters("enabled"),
            "redirect", parameters("disable")),
            Optional.of(map(ANYTHING)), true);

    private static final Shape AUTH = new Shape.Dictionary(Map.of(
            "token", parameters("realm", "service", "issuer", "rootcertbundle", "jwks",
                    "signingalgorithms", "autoredirect", "autoredirectpath"),
            "htpasswd", parameters("realm", "path"),
            "silly", parameters("realm", "service")),
            Optional.empty(), true);

    private static final Shape MIDDLEWARE_LIST = sequence(struct(
            field("name"), field("disabled"), field("options", map(ANYTHING))));

    private static final Shape MIDDLEWARE = new Shape.Dictionary(Map.of(
            "registry", MIDDLEWARE_LIST, "repository", MIDDLEWARE_LIST, "storage", MIDDLEWARE_LIST),
            Optional.empty(), false);

    private static final Shape HTTP = struct(
            field("addr"),
            field("net"),
            field("host"),
            field("prefix"),
            field("secret"),
            field("relativeurls"),
            field("draintimeout"),
            field("tls", struct(
                    field("certificate"),
                    field("key"),
                    field("clientcas", sequence(SCALAR)),
                    field("minimumtls"),
                    field("ciphersuites", sequence(SCALAR)),
                    field("letsencrypt", struct(
                            field("cachefile"), field("email"), field("hosts", sequence(SCALAR)),
                            field("directoryurl"))))),
            field("headers", HEADERS),
            field("debug", struct(field("addr"), field("prometheus", scalars("enabled", "path")))),
            field("http2", scalars("disabled")));

    private static final Shape NOTIFICATIONS = struct(
            renamed("events", "EventConfig", scalars("includereferences")),
            field("endpoints", sequence(struct(
                    field("name"),
                    field("disabled"),
                    field("url"),
                    field("headers", HEADERS),
                    field("timeout"),
                    field("threshold"),
                    field("backoff"),
                    field("ignoredmediatypes", sequence(SCALAR)),
                    field("ignore", struct(
                            field("mediatypes", sequence(SCALAR)),
                            field("actions", sequence(SCALAR))))))));

    private static final Shape REDIS = struct(
            field("addr"),
            field("password"),
            field("db"),
            field("tls", scalars("enabled")),
            field("dialtimeout"),
            field("readtimeout"),
            field("writetimeout"),
            field("pool", scalars("maxidle", "maxactive", "idletimeout")));

    private static final Shape HEALTH = struct(
            renamed("file", "FileCheckers", sequence(scalars("interval", "file", "threshold"))),
            renamed("http", "HTTPCheckers", sequence(struct(
                    field("timeout"), field("statuscode"), field("interval"), field("uri"),
                    field("headers", HEADERS), field("threshold")))),
            renamed("tcp", "TCPCheckers", sequence(scalars("timeout", "interval", "addr", "threshold"))),
            field("storagedriver", scalars("enabled", "interval", "threshold")));

    static final Shape.Struct CONFIGURATION = struct(
            field("version"),
            field("log", LOG),
            field("loglevel"),
            field("storage", STORAGE),
            field("auth", AUTH),
            field("middleware", MIDDLEWARE),
            field("reporting", struct(
                    field("bugsnag", scalars("apikey", "releasestage", "endpoint")),
                    field("newrelic", scalars("licensekey", "name", "verbose")))),
            field("http", HTTP),
            field("notifications", NOTIFICATIONS),
            field("redis", REDIS),
            field("health", HEALTH),
            field("catalog", scalars("maxentries")),
            field("proxy", scalars("remoteurl", "username", "password", "ttl")),
            field("compatibility", struct(field("schema1", struct(
                    renamed("signingkeyfile", "TrustKey", SCALAR), field("enabled"))))),
            field("validation", struct(
                    field("enabled"),
                    field("disabled"),
                    field("manifests", struct(renamed("urls", "URLs", struct(
                            field("allow", sequence(SCALAR)), field("deny", sequence(SCALAR)))))))),
            field("policy", struct(field("repository", struct(field("classes", sequence(SCALAR)))))));

    private ConfigSchema() {
    }

    /**
     * The dotted path of every leaf of {@code shape} below {@code path}, for the configuration
     * reference's test: {@code []} marks an entry of a list of sections, {@code <name>} a key of
     * the user's choosing.
     */
    static List<String> leafKeys(Shape shape, String path) {
        List<String> keys = new ArrayList<>();
        if (shape instanceof Shape.Struct struct) {
            struct.fields().forEach(field -> keys.addAll(leafKeys(field.shape(), UnknownKeys.join(path, field.key()))));
        } else if (shape instanceof Shape.Dictionary dictionary) {
            new TreeMap<>(dictionary.known()).forEach((key, value) -> keys.addAll(leafKeys(value, UnknownKeys.join(path, key))));
            dictionary.others().ifPresent(others -> keys.addAll(leafKeys(others, UnknownKeys.join(path, "<name>"))));
        } else if (shape instanceof Shape.Sequence sequence && !isValue(sequence.element())) {
            keys.addAll(leafKeys(sequence.element(), path + "[]"));
        } else {
            keys.add(path);
        }
        return keys;
    }

    private static boolean isValue(Shape shape) {
        return shape instanceof Shape.Scalar || shape instanceof Shape.Anything;
    }
}
