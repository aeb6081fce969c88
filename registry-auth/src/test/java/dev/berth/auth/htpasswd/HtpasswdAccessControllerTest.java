package dev.berth.auth.htpasswd;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.AccessRequest;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Scope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtpasswdAccessControllerTest {

    static final Scope PUSH = Scope.repository("app", "pull", "push");

    @TempDir
    Path dir;
    Path file;
    HtpasswdAccessController controller;

    static String bcrypt(BCrypt.Version version, String password) {
        return new String(BCrypt.with(version).hash(4, password.toCharArray()), StandardCharsets.UTF_8);
    }

    @BeforeEach
    void setUp() throws Exception {
        file = Files.writeString(dir.resolve("htpasswd"), "# registry users\n"
                + "alice:" + bcrypt(BCrypt.Version.VERSION_2Y, "wonderland") + "\n\n"
                + "bob:" + bcrypt(BCrypt.Version.VERSION_2A, "builder") + "\n"
                + "carol:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n");
        controller = new HtpasswdAccessController("Registry Realm", file);
    }

    AccessDecision authorize(String user, String password) {
        Optional<String> header = user == null ? Optional.empty()
                : Optional.of(new BasicCredentials(user, password).toHeader());
        return controller.authorize(new AccessRequest(List.of(PUSH), header, "192.0.2.1"));
    }

    static void assertChallenged(AccessDecision decision) {
        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.wwwAuthenticate()).contains("Basic realm=\"Registry Realm\"");
        });
    }

    @Test
    void rightPasswordGrantsEverythingAsked() {
        assertThat(authorize("alice", "wonderland")).isEqualTo(AccessDecision.granted(Optional.of("alice"), List.of(PUSH)));
        assertThat(authorize("bob", "builder")).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void repeatedLoginKeepsWorking() {
        for (int i = 0; i < 3; i++) {
            assertThat(authorize("alice", "wonderland")).isInstanceOf(AccessDecision.Granted.class);
            assertChallenged(authorize("alice", "wonderland2"));
        }
    }

    @Test
    void wrongPasswordUnknownUserAndMissingCredentialsAreChallenged() {
        assertChallenged(authorize("alice", "wrong"));
        assertChallenged(authorize("mallory", "wonderland"));
        assertChallenged(authorize(null, null));
        assertChallenged(controller.authorize(new AccessRequest(List.of(), Optional.of("Bearer abc"), "192.0.2.1")));
    }

    @Test
    void nonBcryptEntriesAreIgnored() {
        assertChallenged(authorize("carol", "password"));
    }

    @Test
    void changedFileIsReReadWithoutRestart() throws Exception {
        assertChallenged(authorize("dave", "newcomer"));
        Files.writeString(file, "dave:" + bcrypt(BCrypt.Version.VERSION_2B, "newcomer") + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(authorize("dave", "newcomer")).isInstanceOf(AccessDecision.Granted.class);
        assertChallenged(authorize("alice", "wonderland"));
    }

    @Test
    void missingFileIsProvisionedWithDockerAndALoggedPasswordAsDistributionDoes() throws Exception {
        Path missing = dir.resolve("auth/htpasswd");
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        HtpasswdAccessController provisioned;
        try {
            provisioned = new HtpasswdAccessController("Registry Realm", missing);
        } finally {
            System.setErr(original);
        }
        Matcher password = Pattern.compile("htpasswd is missing, provisioning with default user \\(user=docker "
                + "password=([A-Za-z0-9_-]{43})\\)").matcher(log.toString(StandardCharsets.UTF_8));
        assertThat(password.find()).as(log.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(Files.readString(missing)).startsWith("docker:$2");
        if (missing.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(missing))).isEqualTo("rw-------");
        }
        assertThat(provisioned.authorize(new AccessRequest(List.of(PUSH),
                Optional.of(new BasicCredentials("docker", password.group(1)).toHeader()), "192.0.2.1")))
                .isInstanceOf(AccessDecision.Granted.class);
    }
}
