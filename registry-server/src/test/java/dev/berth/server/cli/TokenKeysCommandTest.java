package dev.berth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.auth.keys.KeyIds;
import dev.berth.auth.keys.PemKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenKeysCommandTest {

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int berth(String... args) {
        out.reset();
        err.reset();
        return new Main(Main.commands(), new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of())).run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void generateWritesAPairThatCheckConfirms() throws Exception {
        Path key = dir.resolve("registry.key");
        Path crt = dir.resolve("registry.crt");
        assertThat(berth("token-keys", "generate", "--kind", "ec256", "--cn", "gitlab-issuer", key.toString(),
                crt.toString())).isZero();
        String kid = KeyIds.libtrust(PemKeys.readCertificates(crt).get(0).getPublicKey());
        assertThat(out()).contains("key ID " + kid);
        assertThat(PemKeys.readCertificates(crt).get(0).getSubjectX500Principal().getName()).isEqualTo("CN=gitlab-issuer");
        assertThat(berth("token-keys", "check", key.toString(), crt.toString())).isZero();
        assertThat(out()).contains("match").contains(kid);
    }

    @Test
    void checkOfAKeyFromAnotherPairFailsAndNamesBothKeyIds() {
        berth("token-keys", "generate", "--kind", "ec256", dir.resolve("a.key").toString(), dir.resolve("a.crt").toString());
        berth("token-keys", "generate", "--kind", "ec256", dir.resolve("b.key").toString(), dir.resolve("b.crt").toString());
        assertThat(berth("token-keys", "check", dir.resolve("a.key").toString(), dir.resolve("b.crt").toString())).isEqualTo(1);
        assertThat(out()).contains("do NOT match").contains("token signed by untrusted key");
    }

    @Test
    void existingFilesAreKeptWithoutForce() throws Exception {
        Path key = Files.writeString(dir.resolve("registry.key"), "keep me");
        assertThat(berth("token-keys", "generate", key.toString(), dir.resolve("registry.crt").toString())).isEqualTo(1);
        assertThat(Files.readString(key)).isEqualTo("keep me");
        assertThat(berth("token-keys", "rotate", "a", "b")).isEqualTo(Main.USAGE);
        assertThat(berth("token-keys", "generate", "--kind", "dsa", "a", "b")).isEqualTo(Main.USAGE);
    }
}
