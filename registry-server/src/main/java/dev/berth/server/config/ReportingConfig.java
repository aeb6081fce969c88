package dev.berth.server.config;

import java.util.Objects;
import java.util.Optional;

/** The {@code reporting} section: error reporting to Bugsnag or New Relic, each present when its key is set. */
public record ReportingConfig(Optional<Bugsnag> bugsnag, Optional<NewRelic> newRelic) {

    public static final ReportingConfig NONE = new ReportingConfig(Optional.empty(), Optional.empty());

    /** {@code reporting.bugsnag}. */
    public record Bugsnag(String apiKey, String releaseStage, String endpoint) {
        public Bugsnag {
            Objects.requireNonNull(apiKey, "apiKey");
        }
    }

    /** {@code reporting.newrelic}. */
    public record NewRelic(String licenseKey, String name, boolean verbose) {
        public NewRelic {
            Objects.requireNonNull(licenseKey, "licenseKey");
        }
    }

    public ReportingConfig {
        Objects.requireNonNull(bugsnag, "bugsnag");
        Objects.requireNonNull(newRelic, "newRelic");
    }

    public boolean any() {
        return bugsnag.isPresent() || newRelic.isPresent();
    }

    static ReportingConfig from(ConfigNode reporting) {
        ConfigNode bugsnag = reporting.get("bugsnag");
        ConfigNode newRelic = reporting.get("newrelic");
        return new ReportingConfig(
                bugsnag.text("apikey").map(key -> new Bugsnag(key, bugsnag.text("releasestage", ""), bugsnag.text("endpoint", ""))),
                newRelic.text("licensekey").map(key -> new NewRelic(key, newRelic.text("name", ""), newRelic.bool("verbose", false))));
    }
}
