package dev.berth.server.http;

import dev.berth.api.Descriptor;
import dev.berth.api.ErrorCode;
import dev.berth.api.MediaType;
import dev.berth.api.Platform;
import dev.berth.api.manifest.ImageIndex;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.store.ManifestIndex;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What distribution 2.8 serves when a client's {@code Accept} does not list the stored type:
 * an OCI manifest or index is refused with 404 {@code MANIFEST_UNKNOWN} (distribution's
 * messages); a Docker manifest list fetched by tag is replaced by its linux/amd64 manifest,
 * as old clients expect. A Docker schema 2 manifest is served as it is: distribution would
 * convert it to schema 1, which Berth does not write (signed schema 1 is long deprecated).
 *
 * <p>Unlike distribution, a request without {@code Accept}, or with a wildcard, gets the stored
 * type: that is what HTTP means by it, and what curl and browsers send.
 */
final class ManifestNegotiation {

    private ManifestNegotiation() {
    }

    static Manifest negotiate(HttpRequest request, Manifest stored, boolean byTag, ManifestIndex manifests) {
        Set<String> accepted = accepted(request);
        String type = stored.mediaType();
        if (accepted.isEmpty() || accepted.contains("*/*") || accepted.contains("application/*")
                || accepted.contains(type)) {
            return stored;
        }
        switch (type) {
            case MediaType.OCI_MANIFEST -> throw ErrorCode.MANIFEST_UNKNOWN.exception(
                    "OCI manifest found, but accept header does not support OCI manifests", null);
            case MediaType.OCI_INDEX -> throw ErrorCode.MANIFEST_UNKNOWN.exception(
                    "OCI index found, but accept header does not support OCI indexes", null);
            case MediaType.DOCKER_MANIFEST_LIST -> {
                // By digest the client asked for exactly these bytes: nothing else may answer.
                if (byTag && stored instanceof ImageIndex index) {
                    return defaultPlatform(index, manifests);
                }
                return stored;
            }
            default -> {
                return stored;
            }
        }
    }

    private static Manifest defaultPlatform(ImageIndex index, ManifestIndex manifests) {
        for (Descriptor child : index.references()) {
            Platform platform = child.platform();
            if (platform != null && "linux".equals(platform.os()) && "amd64".equals(platform.architecture())) {
                return manifests.get(child.digest()).orElseThrow(() -> ErrorCode.MANIFEST_UNKNOWN.exception(
                        "manifest list's linux/amd64 manifest is unknown", child.digest()));
            }
        }
        throw ErrorCode.MANIFEST_UNKNOWN.exception(
                "manifest list has no linux/amd64 manifest and the client does not accept manifest lists", null);
    }

    /** The media types of every {@code Accept} header, without parameters; q-values are ignored. */
    static Set<String> accepted(HttpRequest request) {
        Set<String> types = new HashSet<>();
        for (String header : request.headers().all("Accept")) {
            for (String part : header.split(",")) {
                int semicolon = part.indexOf(';');
                String type = (semicolon < 0 ? part : part.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
                if (!type.isEmpty()) {
                    types.add(type);
                }
            }
        }
        return types;
    }
}
