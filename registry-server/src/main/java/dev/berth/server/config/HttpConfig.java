package dev.berth.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code http} section. */
public record HttpConfig(String addr, String net, Optional<URI> host, String prefix, Optional<String> secret,
        boolean relativeUrls, Duration drainTimeout, Tls tls, Map<String, List<String>> headers,
        Optional<Debug> debug, boolean http2Disabled) {

    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([^\\]]*)]|([^:\\[\\]]*)):(\\d{1,5})");

    /** {@code http.tls}: a certificate and key, and the options distribution adds around them. */
    public record Tls(Optional<Path> certificate, Optional<Path> key, List<Path> clientCas,
            Optional<String> minimumTls, List<String> cipherSuites, Optional<LetsEncrypt> letsEncrypt) {

        public static final Tls NONE = new Tls(Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                List.of(), Optional.empty());

        public Tls {
            if (certificate.isPresent() != key.isPresent()) {
                throw new ConfigException("http.tls needs both certificate and key");
            }
            clientCas = List.copyOf(clientCas);
            cipherSuites = List.copyOf(cipherSuites);
        }

        public boolean enabled() {
            return certificate.isPresent();
        }
    }

    /** {@code http.tls.letsencrypt}. */
    public record LetsEncrypt(Path cacheFile, String email, List<String> hosts, Optional<URI> directoryUrl) {
        public LetsEncrypt {
            Objects.requireNonNull(cacheFile, "cacheFile");
            hosts = List.copyOf(hosts);
        }
    }

    /** {@code http.debug}: the debug server's address and its Prometheus endpoint. */
    public record Debug(String addr, boolean prometheusEnabled, String prometheusPath) {
        public Debug {
            Objects.requireNonNull(addr, "addr");
            if (!prometheusPath.startsWith("/")) {
                throw new ConfigException("http.debug.prometheus.path must start with '/', not '" + prometheusPath + "'");
            }
        }
    }

    public HttpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(debug, "debug");
        if (!List.of("tcp", "unix").contains(net)) {
            throw new ConfigException("http.net must be tcp or unix, not '" + net + "'");
        }
        if (net.equals("tcp") && !HOST_PORT.matcher(addr).matches()) {
            throw new ConfigException("http.addr must be host:port or :port, not '" + addr + "'");
        }
        if (!prefix.isEmpty() && !prefix.startsWith("/")) {
            throw new ConfigException("http.prefix must start with '/', not '" + prefix + "'");
        }
        if (drainTimeout.isNegative()) {
            throw new ConfigException("http.draintimeout must not be negative");
        }
        headers = Map.copyOf(headers);
    }

    /** The host part of {@code addr}; empty means every interface, as in Go. */
    public String bindHost() {
        return addressPart(1);
    }

    /** The port of {@code addr}. */
    public int port() {
        return Integer.parseInt(addressPart(3));
    }

    private String addressPart(int group) {
        Matcher matcher = HOST_PORT.matcher(addr);
        if (!net.equals("tcp") || !matcher.matches()) {
            throw new IllegalStateException("http.addr '" + addr + "' is not a TCP address");
        }
        if (group == 1) {
            return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        }
        return matcher.group(group);
    }

    static HttpConfig from(ConfigNode http) {
        ConfigNode debug = http.get("debug");
        if (debug.isPresent() && debug.text("addr").isEmpty()) {
            debug.warn("http.debug has no addr, so the debug server (and its Prometheus endpoint) is off");
        }
        ConfigNode tls = http.get("tls");
        ConfigNode letsEncrypt = tls.get("letsencrypt");
        ConfigNode prometheus = debug.get("prometheus");
        return new HttpConfig(
                http.text("addr", ":5000"),
                http.text("net", "tcp"),
                http.url("host"),
                http.text("prefix", ""),
                http.text("secret"),
                http.bool("relativeurls", false),
                http.duration("draintimeout", Duration.ZERO),
                new Tls(tls.file("certificate"), tls.file("key"),
                        tls.strings("clientcas").stream().map(Path::of).toList(),
                        tls.text("minimumtls"), tls.strings("ciphersuites"),
                        letsEncrypt.isPresent()
                                ? Optional.of(new LetsEncrypt(Path.of(letsEncrypt.required("cachefile")),
                                        letsEncrypt.text("email", ""), letsEncrypt.strings("hosts"),
                                        letsEncrypt.url("directoryurl")))
                                : Optional.empty()),
                http.headers("headers"),
                debug.text("addr").map(addr -> new Debug(addr, prometheus.bool("enabled", false),
                        prometheus.text("path", "/metrics"))),
                http.get("http2").bool("disabled", false));
    }
}
