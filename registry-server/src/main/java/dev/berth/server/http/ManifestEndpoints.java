package dev.berth.server.http;

import dev.berth.api.Digest;
import dev.berth.api.DigestAlgorithm;
import dev.berth.api.ErrorCode;
import dev.berth.api.Reference;
import dev.berth.api.Tag;
import dev.berth.api.manifest.Manifest;
import dev.berth.api.manifest.ManifestParser;
import dev.berth.api.store.ManifestIndex;
import dev.berth.api.store.Repository;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** GET, HEAD, PUT and DELETE of {@code /v2/<name>/manifests/<reference>} (end-3, end-7, end-9). */
final class ManifestEndpoints {

    private final HandlerSettings settings;
    private final ManifestParser parser;
    private final Urls urls;

    ManifestEndpoints(HandlerSettings settings, Urls urls) {
        this.settings = settings;
        this.parser = ManifestParser.standard().withSchema1(settings.schema1Enabled());
        this.urls = urls;
    }

    HttpResponse get(Call call) {
        Reference reference = Reference.parse(call.route().argument());
        Repository repository = call.repository();
        Digest digest = resolve(repository, reference);
        Manifest stored = repository.manifests().get(digest).orElseThrow(() -> unknown(reference));
        Manifest served = ManifestNegotiation.negotiate(call.request(), stored, reference instanceof Tag,
                repository.manifests());
        HttpHeaders.Builder headers = HttpHeaders.builder()
                .set("Content-Type", served.mediaType())
                .set("Docker-Content-Digest", served.digest().toString())
                .set("ETag", BlobEndpoints.etag(served.digest()));
        if (BlobEndpoints.notModified(call.request(), served.digest())) {
            return call.respond(304, headers);
        }
        return call.respond(200, headers, ResponseBody.of(served.bytes()));
    }

    HttpResponse put(Call call) throws IOException {
        Reference reference = Reference.parse(call.route().argument());
        int max = settings.maxManifestBytes();
        Optional<String> length = call.request().header("Content-Length");
        if (length.isPresent() && length.get().trim().length() > 0 && exceeds(length.get().trim(), max)) {
            throw Streams.tooLarge(max);
        }
        Set<Tag> tags = new LinkedHashSet<>();
        if (reference instanceof Tag tag) {
            tags.add(tag);
        }
        for (String extra : call.request().queryParameters("tag")) {
            tags.add(Tag.parse(extra));
        }
        DigestAlgorithm algorithm = reference instanceof Digest d ? d.algorithm()
                : call.request().queryParameter("digest-algorithm").map(UploadEndpoints::algorithm)
                        .orElse(DigestAlgorithm.SHA256);
        byte[] bytes = Streams.readCapped(call.request().body(), max);
        Manifest manifest = parser.parse(bytes, call.request().header("Content-Type").orElse(null), algorithm);
        if (reference instanceof Digest expected && !expected.equals(manifest.digest())) {
            throw ErrorCode.DIGEST_INVALID.exception("manifest digest does not match the URL",
                    "computed " + manifest.digest() + ", URL names " + expected);
        }
        ManifestIndex manifests = call.repository().manifests();
        manifests.put(manifest);
        for (Tag tag : tags) {
            call.repository().tags().tag(tag, manifest.digest());
        }
        HttpHeaders.Builder headers = HttpHeaders.builder()
                .set("Location", urls.location(call.request(),
                        call.repositoryPath() + "/manifests/" + manifest.digest()))
                .set("Docker-Content-Digest", manifest.digest().toString());
        manifest.subject().ifPresent(subject -> headers.set("OCI-Subject", subject.digest().toString()));
        return call.respond(201, headers);
    }

    HttpResponse delete(Call call) {
        Reference reference = Reference.parse(call.route().argument());
        if (!settings.deleteEnabled()) {
            throw HandlerSettings.deleteDisabled();
        }
        if (reference instanceof Tag tag) {
            if (!call.repository().tags().untag(tag)) {
                throw unknown(tag);
            }
        } else {
            call.repository().manifests().delete((Digest) reference);
        }
        return call.respond(202, HttpHeaders.builder());
    }

    private static Digest resolve(Repository repository, Reference reference) {
        if (reference instanceof Tag tag) {
            return repository.tags().resolve(tag).orElseThrow(() -> unknown(tag));
        }
        return (Digest) reference;
    }

    private static boolean exceeds(String contentLength, int max) {
        try {
            return Long.parseLong(contentLength) > max;
        } catch (NumberFormatException e) {
            throw ErrorCode.SIZE_INVALID.exception("invalid Content-Length", contentLength);
        }
    }

    private static RuntimeException unknown(Reference reference) {
        return ErrorCode.MANIFEST_UNKNOWN.exception("manifest unknown", reference.toString());
    }
}
