package dev.berth.auth.htpasswd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read of an htpasswd file: {@code user:hash} lines, {@code #} comments and blank lines
 * ignored. Only bcrypt hashes ({@code $2a$}, {@code $2b$}, {@code $2y$}) are kept, as in
 * distribution; other entries are reported and skipped.
 */
record HtpasswdFile(Map<String, String> hashes, FileTime modified, long size, Object fileKey) {

    private static final Logger LOG = LoggerFactory.getLogger(HtpasswdFile.class);

    HtpasswdFile {
        hashes = Map.copyOf(hashes);
        Objects.requireNonNull(modified, "modified");
    }

    static HtpasswdFile read(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            Map<String, String> hashes = new LinkedHashMap<>();
            int number = 0;
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon <= 0) {
                    LOG.warn("htpasswd {} line {}: not user:hash, ignored", path, number);
                    continue;
                }
                String user = trimmed.substring(0, colon);
                String hash = trimmed.substring(colon + 1);
                if (!hash.matches("\\$2[aby]?\\$\\d\\d\\$.{53}")) {
                    LOG.warn("htpasswd {} line {}: user {} has no bcrypt hash, ignored (only bcrypt is supported)",
                            path, number, user);
                    continue;
                }
                hashes.put(user, hash);
            }
            return new HtpasswdFile(hashes, attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read htpasswd file " + path, e);
        }
    }

    /** Whether the file on disk differs from this read (modification time, size or inode). */
    boolean isStale(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return !attributes.lastModifiedTime().equals(modified) || attributes.size() != size
                    || !Objects.equals(attributes.fileKey(), fileKey);
        } catch (IOException e) {
            // Gone or unreadable for a moment (an editor replacing it): keep serving the last read.
            return false;
        }
    }

    /** The bcrypt cost most entries use (10 for an empty file), for the unknown-user dummy check. */
    int typicalCost() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String hash : hashes.values()) {
            counts.merge(Integer.parseInt(hash.substring(hash.indexOf('$', 1) + 1, hash.indexOf('$', 1) + 3)), 1,
                    Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(10);
    }

    Optional<String> hash(String user) {
        return Optional.ofNullable(hashes.get(user));
    }
}
