package dev.berth.auth.htpasswd;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.berth.auth.AccessController;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.AccessRequest;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Challenges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Basic authentication against an htpasswd file of bcrypt hashes ({@code auth.htpasswd}). An
 * authenticated user may do everything, as in distribution. The file is re-read when its
 * modification time, size or identity changes, so adding a user needs no restart.
 *
 * <p>A missing file is created with user {@code docker} and a random password that is logged
 * once, as distribution does.
 *
 * <p>Unknown users cost one bcrypt check against a dummy hash, so response time does not tell
 * which user names exist. Since every registry request re-sends the credentials and bcrypt is
 * deliberately slow, a successful check is remembered as an HMAC of the password under a
 * per-instance random key (never the password itself) until the file changes.
 */
public final class HtpasswdAccessController implements AccessController {

    private static final Logger LOG = LoggerFactory.getLogger(HtpasswdAccessController.class);

    private final String realm;
    private final Path path;
    private final BCrypt.Verifyer bcrypt = BCrypt.verifyer(BCrypt.Version.VERSION_2A,
            LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
    private final byte[] cacheKey = new byte[32];
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();
    private volatile Loaded loaded;

    /** A read of the file with a dummy hash of the same cost, so unknown users take as long. */
    private record Loaded(HtpasswdFile file, byte[] dummyHash) {
    }

    /**
     * @throws java.io.UncheckedIOException when the file cannot be read now
     */
    public HtpasswdAccessController(String realm, Path path) {
        if (realm == null || realm.isBlank()) {
            throw new IllegalArgumentException("htpasswd auth requires a realm");
        }
        this.realm = realm;
        this.path = Objects.requireNonNull(path, "path");
        random.nextBytes(cacheKey);
        if (!Files.exists(path)) {
            provision(path);
        }
        this.loaded = load(HtpasswdFile.read(path));
    }

    @Override
    public AccessDecision authorize(AccessRequest request) {
        Optional<BasicCredentials> credentials = request.authorization().flatMap(BasicCredentials::parse);
        if (credentials.isEmpty()) {
            return refuse("authentication required");
        }
        String user = credentials.get().username();
        if (!check(user, credentials.get().password())) {
            LOG.warn("error authorizing context: basic authentication failed for user \"{}\" (client {})",
                    user, request.remoteAddress());
            return refuse("invalid authorization credential");
        }
        return AccessDecision.granted(Optional.of(user), request.scopes());
    }

    private boolean check(String user, String password) {
        Loaded state = current();
        HtpasswdFile current = state.file();
        Optional<String> hash = current.hash(user);
        byte[] mac = mac(user, password);
        Remembered remembered = verified.get(user);
        if (hash.isPresent() && remembered != null && remembered.file == current
                && MessageDigest.isEqual(remembered.mac, mac)) {
            return true;
        }
        byte[] candidate = hash.map(h -> h.getBytes(StandardCharsets.UTF_8)).orElse(state.dummyHash());
        boolean ok = bcrypt.verify(password.getBytes(StandardCharsets.UTF_8), candidate).verified && hash.isPresent();
        if (ok) {
            verified.put(user, new Remembered(current, mac));
        }
        return ok;
    }

    /** A password known good for {@code file}; an entry from an older read never matches. */
    private record Remembered(HtpasswdFile file, byte[] mac) {
    }

    private Loaded current() {
        Loaded seen = loaded;
        if (!seen.file().isStale(path)) {
            return seen;
        }
        synchronized (this) {
            if (loaded == seen) {
                try {
                    loaded = load(HtpasswdFile.read(path));
                    verified.clear();
                    LOG.info("htpasswd file {} changed: {} users", path, loaded.file().hashes().size());
                } catch (RuntimeException e) {
                    LOG.warn("htpasswd file {} changed but cannot be read, keeping the previous users: {}",
                            path, e.getMessage());
                }
            }
            return loaded;
        }
    }

    /**
     * As distribution does for a missing file: create it (owner-only) with user {@code docker}
     * and a random password, and log the password once — administrators and scripts read it
     * from exactly this line.
     */
    private void provision(Path file) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = new String(BCrypt.withDefaults().hash(10, password.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Set<OpenOption> options = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            try (var channel = parent.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : Files.newByteChannel(file, options)) {
                channel.write(ByteBuffer.wrap(("docker:" + hash).getBytes(StandardCharsets.UTF_8)));
            }
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("failed to create htpasswd file " + file, e);
        }
        LOG.warn("htpasswd is missing, provisioning with default user (user=docker password={})", password);
    }

    private Loaded load(HtpasswdFile file) {
        byte[] dummyPassword = new byte[16];
        random.nextBytes(dummyPassword);
        return new Loaded(file, BCrypt.withDefaults().hash(file.typicalCost(), dummyPassword));
    }

    private byte[] mac(String user, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            hmac.update(user.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private AccessDecision refuse(String message) {
        return AccessDecision.unauthorized(Challenges.basic(realm), message);
    }
}
