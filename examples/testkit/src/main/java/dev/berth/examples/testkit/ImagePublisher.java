package dev.berth.examples.testkit;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * "Application code": publishes the files of a directory as a container image with Jib, the
 * way a CI system or an artifact store might. {@code ImagePublisherTest} tests it against a
 * real registry from Berth's testkit, no Docker needed.
 *
 * <pre>
 * mvn -q -pl examples/testkit -am compile exec:java -Dexec.args="./site 127.0.0.1:5000/team/site:v1 --insecure"
 * </pre>
 */
public final class ImagePublisher {

    private final boolean allowInsecureRegistries;
    private final Path cacheDirectory;

    /**
     * @param allowInsecureRegistries accept self-signed certificates and plain HTTP
     * @param cacheDirectory          where Jib caches layers between runs
     */
    public ImagePublisher(boolean allowInsecureRegistries, Path cacheDirectory) {
        this.allowInsecureRegistries = allowInsecureRegistries;
        this.cacheDirectory = cacheDirectory;
    }

    /** Publishes every file of {@code directory} under {@code /srv} in an image named {@code reference}; returns its digest. */
    public String publish(Path directory, String reference) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.sorted().toList();
        }
        try {
            Containerizer to = Containerizer.to(RegistryImage.named(reference))
                    .setAllowInsecureRegistries(allowInsecureRegistries)
                    .setBaseImageLayersCache(cacheDirectory.resolve("base"))
                    .setApplicationLayersCache(cacheDirectory.resolve("application"))
                    .setToolName("berth-example");
            JibContainer container = Jib.fromScratch()
                    .addLayer(files, AbsoluteUnixPath.get("/srv"))
                    .setEntrypoint("/srv/" + files.get(0).getFileName())
                    .containerize(to);
            return container.getDigest().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing " + reference, e);
        } catch (InvalidImageReferenceException | RegistryException | ExecutionException
                 | CacheDirectoryCreationException e) {
            throw new IOException("cannot publish " + reference + ": " + e.getMessage(), e);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ImagePublisher DIRECTORY IMAGE-REFERENCE [--insecure]");
            System.exit(2);
        }
        boolean insecure = args.length > 2 && args[2].equals("--insecure");
        ImagePublisher publisher = new ImagePublisher(insecure, Files.createTempDirectory("jib-cache"));
        System.out.println(publisher.publish(Path.of(args[0]), args[1]));
    }
}
