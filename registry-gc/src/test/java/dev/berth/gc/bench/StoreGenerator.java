package dev.berth.gc.bench;

import dev.berth.api.Digest;
import dev.berth.api.MediaType;
import dev.berth.api.RepositoryName;
import dev.berth.api.Tag;
import dev.berth.storage.layout.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Builds a large filesystem store in distribution's layout for the garbage-collection
 * benchmark ({@code bench/gc-compare.sh}): a program, not a test.
 *
 * <p>Defaults: 100 repositories of 50 images each (5,000 image manifests, plus an index in every
 * tenth repository), each image a config, two layers drawn from a shared pool of 200 "base"
 * layers and six layers of its own; a fifth of the images untagged, some tags moved (so their
 * tag index lists two revisions), and 2,000 blobs nothing references. That is about 42,000
 * blobs. It writes the files at the paths {@link Layout} gives, directly and without fsync
 * (the driver's durable writes would make generation take minutes); the content is random but
 * seeded, so two runs give the same store.
 *
 * <pre>java ... dev.berth.gc.bench.StoreGenerator ROOT [repositories] [imagesPerRepository] [seed]</pre>
 */
public final class StoreGenerator {

    private static final int SHARED_LAYERS = 200;
    private static final int OWN_LAYERS = 6;
    private static final int ORPHANS = 2000;

    private final Path root;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final List<Future<?>> writes = new ArrayList<>();
    private long blobs;

    private StoreGenerator(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: StoreGenerator ROOT [repositories] [imagesPerRepository] [seed]");
            System.exit(2);
        }
        int repositories = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int images = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        long start = System.nanoTime();
        StoreGenerator generator = new StoreGenerator(Path.of(args[0]));
        int manifests = generator.generate(repositories, images, new SplittableRandom(seed));
        System.out.printf("wrote %d blobs and %d manifests under %s in %.1f s%n", generator.blobs, manifests,
                args[0], (System.nanoTime() - start) / 1e9);
    }

    private int generate(int repositories, int imagesPerRepository, SplittableRandom random) throws Exception {
        List<Layer> shared = new ArrayList<>();
        for (int i = 0; i < SHARED_LAYERS; i++) {
            shared.add(blob(randomBytes(random)));
        }
        for (int i = 0; i < ORPHANS; i++) {
            blob(randomBytes(random));
        }
        int manifests = 0;
        for (int r = 0; r < repositories; r++) {
            RepositoryName name = RepositoryName.parse(String.format("project%03d/app%d", r / 10, r));
            List<Layer> images = new ArrayList<>();
            for (int i = 0; i < imagesPerRepository; i++) {
                List<Layer> layers = new ArrayList<>();
                layers.add(shared.get(random.nextInt(SHARED_LAYERS)));
                layers.add(shared.get(random.nextInt(SHARED_LAYERS)));
                for (int l = 0; l < OWN_LAYERS; l++) {
                    layers.add(blob(randomBytes(random)));
                }
                Layer config = blob(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + random.nextLong() + "}")
                        .getBytes(StandardCharsets.UTF_8));
                for (Layer layer : layers) {
                    link(Layout.layerLink(name, layer.digest), layer.digest);
                }
                link(Layout.layerLink(name, config.digest), config.digest);
                Layer manifest = manifest(name, imageManifest(config, layers));
                manifests++;
                images.add(manifest);
                int fate = random.nextInt(10);
                if (fate < 8) {
                    Tag tag = Tag.parse("v" + i);
                    tag(name, tag, manifest.digest);
                    if (fate == 0 && i > 0) {
                        // A re-pushed tag: it moved from the previous image to this one.
                        link(Layout.tagIndexLink(name, tag, images.get(i - 1).digest), images.get(i - 1).digest);
                    }
                }
            }
            if (r % 10 == 0 && images.size() >= 2) {
                String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":["
                        + descriptor(MediaType.OCI_MANIFEST, images.get(0)) + ","
                        + descriptor(MediaType.OCI_MANIFEST, images.get(1)) + "]}";
                tag(name, Tag.parse("multi"), manifest(name, index.getBytes(StandardCharsets.UTF_8)).digest);
                manifests++;
            }
        }
        pool.shutdown();
        for (Future<?> write : writes) {
            write.get();
        }
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return manifests;
    }

    private static byte[] imageManifest(Layer config, List<Layer> layers) {
        List<String> entries = new ArrayList<>();
        for (Layer layer : layers) {
            entries.add(descriptor(MediaType.OCI_LAYER_GZIP, layer));
        }
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":"
                + descriptor(MediaType.OCI_CONFIG, config) + ",\"layers\":[" + String.join(",", entries) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String descriptor(String mediaType, Layer blob) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + blob.digest + "\",\"size\":" + blob.size + "}";
    }

    private Layer manifest(RepositoryName name, byte[] content) {
        Layer manifest = blob(content);
        link(Layout.revisionLink(name, manifest.digest), manifest.digest);
        return manifest;
    }

    private void tag(RepositoryName name, Tag tag, Digest digest) {
        link(Layout.tagCurrentLink(name, tag), digest);
        link(Layout.tagIndexLink(name, tag, digest), digest);
    }

    private Layer blob(byte[] content) {
        Digest digest = Digest.sha256(content);
        blobs++;
        write(Layout.blobData(digest), content);
        return new Layer(digest, content.length);
    }

    private void link(String path, Digest digest) {
        write(path, Layout.link(digest));
    }

    private void write(String driverPath, byte[] content) {
        Path file = root.resolve(driverPath.substring(1));
        writes.add(pool.submit(() -> {
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[256 + random.nextInt(1792)];
        new Random(random.nextLong()).nextBytes(bytes);
        return bytes;
    }

    private record Layer(Digest digest, long size) {
    }
}
