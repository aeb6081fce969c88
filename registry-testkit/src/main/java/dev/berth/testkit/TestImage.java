package dev.berth.testkit;

import dev.berth.api.Descriptor;
import dev.berth.api.Digest;
import dev.berth.api.manifest.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Something to push, made by {@link TestImages}: a manifest, the blobs it references, and, for
 * an index, the child images it lists. Push the children and blobs first, then the manifest.
 */
public record TestImage(Manifest manifest, List<TestBlob> blobs, List<TestImage> children) {

    public TestImage {
        blobs = List.copyOf(blobs);
        children = List.copyOf(children);
    }

    public Digest digest() {
        return manifest.digest();
    }

    public String mediaType() {
        return manifest.mediaType();
    }

    /** The exact manifest bytes. */
    public byte[] manifestBytes() {
        return manifest.bytes();
    }

    public Descriptor descriptor() {
        return manifest.descriptor();
    }

    /** Every blob of this image and its children, each once, children's first. */
    public List<TestBlob> allBlobs() {
        Map<Digest, TestBlob> all = new LinkedHashMap<>();
        for (TestImage child : children) {
            child.allBlobs().forEach(blob -> all.putIfAbsent(blob.digest(), blob));
        }
        blobs.forEach(blob -> all.putIfAbsent(blob.digest(), blob));
        return List.copyOf(all.values());
    }

    /** This image's manifest and those of its children, children first: the order to push them in. */
    public List<TestImage> manifestsInPushOrder() {
        List<TestImage> order = new ArrayList<>();
        children.forEach(child -> order.addAll(child.manifestsInPushOrder()));
        order.add(this);
        return order;
    }
}
