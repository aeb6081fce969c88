package dev.berth.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which foreign layers a manifest may reference: layers of a non-distributable media type
 * whose bytes live at {@code urls} outside the registry, so the registry does not require
 * them. This is distribution's {@code validation.manifests.urls}: each URL must be http or
 * https, without a fragment, match one {@code allow} pattern and no {@code deny} pattern.
 * With no {@code allow} pattern (the default) every foreign layer is refused, as in
 * distribution.
 */
public record ForeignUrlPolicy(List<Pattern> allow, List<Pattern> deny) {

    public ForeignUrlPolicy {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /** distribution's default: no URL allowed, so a foreign layer must be pushed like any other. */
    public static ForeignUrlPolicy none() {
        return new ForeignUrlPolicy(List.of(), List.of());
    }

    /** From {@code config.yml}'s regular expressions. */
    public static ForeignUrlPolicy of(List<String> allow, List<String> deny) {
        return new ForeignUrlPolicy(allow.stream().map(Pattern::compile).toList(),
                deny.stream().map(Pattern::compile).toList());
    }

    /** Whether a foreign layer with these URLs may be referenced without being in the registry. */
    public boolean permits(List<String> urls) {
        return !urls.isEmpty() && urls.stream().allMatch(this::permits);
    }

    private boolean permits(String url) {
        try {
            URI uri = new URI(url);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return web && uri.getRawFragment() == null
                    && allow.stream().anyMatch(p -> p.matcher(url).find())
                    && deny.stream().noneMatch(p -> p.matcher(url).find());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
