package dev.berth.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code proxy} section: a pull-through cache of {@code remoteurl}. Present when
 * {@code remoteurl} is set, as distribution decides. {@code ttl} defaults to 7 days; zero
 * means cached content never expires.
 */
public record ProxyConfig(URI remoteUrl, Optional<String> username, Optional<String> password, Duration ttl) {

    public ProxyConfig {
        Objects.requireNonNull(remoteUrl, "remoteUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (ttl.isNegative()) {
            throw new ConfigException("proxy.ttl must not be negative");
        }
    }

    static Optional<ProxyConfig> from(ConfigNode proxy) {
        return proxy.url("remoteurl").map(url -> new ProxyConfig(url, proxy.text("username"), proxy.text("password"),
                proxy.duration("ttl", Duration.ofDays(7))));
    }
}
