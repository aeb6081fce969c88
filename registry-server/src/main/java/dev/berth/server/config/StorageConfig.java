package dev.berth.server.config;

import dev.berth.storage.driver.DriverParameters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code storage} section: exactly one driver section (its parameters passed to the
 * driver factory as they are), and the registry-wide switches distribution keeps beside it.
 */
public record StorageConfig(DriverParameters driver, boolean deleteEnabled, boolean redirectDisabled,
        Maintenance maintenance, Optional<String> blobDescriptorCache) {

    /** The keys of {@code storage} that are not a driver. */
    static final Set<String> NOT_DRIVERS = Set.of("maintenance", "cache", "delete", "redirect");

    /** {@code storage.maintenance}. */
    public record Maintenance(boolean readOnly, UploadPurging uploadPurging) {
        public Maintenance {
            Objects.requireNonNull(uploadPurging, "uploadPurging");
        }
    }

    /** {@code storage.maintenance.uploadpurging}: on by default in distribution (168h, every 24h). */
    public record UploadPurging(boolean enabled, Duration age, Duration interval, boolean dryRun) {

        public static final UploadPurging DEFAULT = new UploadPurging(true, Duration.ofHours(168), Duration.ofHours(24), false);

        public UploadPurging {
            if (age.isNegative() || interval.compareTo(Duration.ZERO) <= 0) {
                throw new ConfigException("storage.maintenance.uploadpurging needs a non-negative age and a positive interval");
            }
        }
    }

    public StorageConfig {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(blobDescriptorCache, "blobDescriptorCache");
        blobDescriptorCache.filter(cache -> !List.of("inmemory", "redis").contains(cache)).ifPresent(cache -> {
            throw new ConfigException("storage.cache.blobdescriptor must be inmemory or redis, not '" + cache + "'");
        });
    }

    /** The driver's name: {@code filesystem}, {@code s3}, … */
    public String driverName() {
        return driver.driver();
    }

    static StorageConfig from(ConfigNode storage) {
        List<String> drivers = storage.keys().stream().filter(key -> !NOT_DRIVERS.contains(key)).toList();
        if (drivers.isEmpty()) {
            throw new ConfigException("no storage configuration provided: storage needs one driver section such as filesystem or s3");
        }
        if (drivers.size() > 1) {
            throw new ConfigException("storage must name exactly one driver, found " + String.join(", ", drivers));
        }
        String name = drivers.get(0);
        Map<String, String> parameters = storage.get(name).parameters();
        ConfigNode maintenance = storage.get("maintenance");
        return new StorageConfig(DriverParameters.of(name, parameters),
                storage.get("delete").bool("enabled", false),
                storage.get("redirect").bool("disable", false),
                new Maintenance(section(maintenance, "readonly").bool("enabled", false),
                        uploadPurging(section(maintenance, "uploadpurging"))),
                storage.get("cache").text("blobdescriptor"));
    }

    private static UploadPurging uploadPurging(ConfigNode purging) {
        UploadPurging defaults = UploadPurging.DEFAULT;
        return new UploadPurging(purging.bool("enabled", defaults.enabled()),
                purging.duration("age", defaults.age()),
                purging.duration("interval", defaults.interval()),
                purging.bool("dryrun", defaults.dryRun()));
    }

    /** A sub-section that distribution requires to be a mapping ({@code readonly: {enabled: true}}). */
    private static ConfigNode section(ConfigNode parent, String key) {
        ConfigNode section = parent.get(key);
        if (section.isPresent() && !section.isMapping()) {
            throw section.invalid("must be a mapping, such as " + key + ": {enabled: true}");
        }
        return section;
    }
}
