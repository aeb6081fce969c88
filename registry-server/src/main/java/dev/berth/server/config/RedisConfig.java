package dev.berth.server.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The {@code redis} section (distribution 2.8's single-address form). Present when {@code addr} is set. */
public record RedisConfig(String addr, Optional<String> password, int db, boolean tlsEnabled, Duration dialTimeout,
        Duration readTimeout, Duration writeTimeout, int poolMaxIdle, int poolMaxActive, Duration poolIdleTimeout) {

    public RedisConfig {
        Objects.requireNonNull(addr, "addr");
        Objects.requireNonNull(password, "password");
        if (db < 0 || poolMaxIdle < 0 || poolMaxActive < 0) {
            throw new ConfigException("redis.db and redis.pool sizes must not be negative");
        }
    }

    static Optional<RedisConfig> from(ConfigNode redis) {
        ConfigNode pool = redis.get("pool");
        return redis.text("addr").map(addr -> new RedisConfig(addr, redis.text("password"), redis.integer("db", 0),
                redis.get("tls").bool("enabled", false),
                redis.duration("dialtimeout", Duration.ZERO), redis.duration("readtimeout", Duration.ZERO),
                redis.duration("writetimeout", Duration.ZERO),
                pool.integer("maxidle", 0), pool.integer("maxactive", 0), pool.duration("idletimeout", Duration.ZERO)));
    }
}
