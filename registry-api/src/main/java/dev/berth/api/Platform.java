package dev.berth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/** The platform of an index entry: what an image runs on. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Platform(
        String architecture,
        String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures,
        String variant,
        List<String> features) {

    public Platform {
        Objects.requireNonNull(architecture, "platform.architecture");
        Objects.requireNonNull(os, "platform.os");
        osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
        features = features == null ? List.of() : List.copyOf(features);
    }

    public static Platform of(String os, String architecture) {
        return new Platform(architecture, os, null, null, null, null);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
