package dev.berth.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyPairsTest {

    @TempDir
    Path dir;

    @Test
    void generatedPairIsWrittenAndMatches() {
        KeyPairs.SigningPair pair = KeyPairs.generate(KeyPairs.Kind.EC_P256, "registry", Duration.ofDays(365),
                Clock.systemUTC());
        pair.write(dir.resolve("registry.key"), dir.resolve("registry.crt"));
        KeyPairs.MatchReport report = KeyPairs.check(dir.resolve("registry.key"), dir.resolve("registry.crt"));
        assertThat(report.matches()).isTrue();
        assertThat(report.keyId()).isEqualTo(KeyIds.libtrust(pair.keyPair().getPublic()));
        assertThat(report.describe()).contains("match");
    }

    @Test
    void keyOfAnotherPairDoesNotMatchAndSaysWhatTheRegistryWillLog() {
        KeyPairs.generate(KeyPairs.Kind.EC_P256, "a", Duration.ofDays(1), Clock.systemUTC())
                .write(dir.resolve("a.key"), dir.resolve("a.crt"));
        KeyPairs.generate(KeyPairs.Kind.EC_P256, "b", Duration.ofDays(1), Clock.systemUTC())
                .write(dir.resolve("b.key"), dir.resolve("b.crt"));
        KeyPairs.MatchReport report = KeyPairs.check(dir.resolve("a.key"), dir.resolve("b.crt"));
        assertThat(report.matches()).isFalse();
        assertThat(report.describe()).contains("do NOT match").contains("token signed by untrusted key");
    }

    @Test
    void readsEveryPrivateKeyFormOpensslWrites() throws Exception {
        assumeTrue(run("command -v openssl"), "openssl is needed (see .ci/run)");
        String d = dir.toString();
        assertThat(run("cd " + d + " && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa8.pem"
                + " && openssl rsa -in rsa8.pem -traditional -out rsa1.pem"
                + " && openssl ecparam -name prime256v1 -genkey -out sec1.pem"
                + " && openssl pkcs8 -topk8 -nocrypt -in sec1.pem -out ec8.pem"
                + " && openssl req -new -x509 -key sec1.pem -out ec.crt -days 1 -subj /CN=x")).isTrue();
        assertThat(Files.readString(dir.resolve("rsa1.pem"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(Files.readString(dir.resolve("sec1.pem"))).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");
        KeyPair rsa8 = PemKeys.readKeyPair(dir.resolve("rsa8.pem"));
        assertThat(PemKeys.readKeyPair(dir.resolve("rsa1.pem")).getPublic()).isEqualTo(rsa8.getPublic());
        KeyPair sec1 = PemKeys.readKeyPair(dir.resolve("sec1.pem"));
        assertThat(PemKeys.readKeyPair(dir.resolve("ec8.pem")).getPublic().getEncoded())
                .isEqualTo(sec1.getPublic().getEncoded());
        assertThat(KeyPairs.check(dir.resolve("ec8.pem"), dir.resolve("ec.crt")).matches()).isTrue();
    }

    @Test
    void libtrustKeyIdHasTwelveGroupsOfFourBase32Characters() {
        KeyPair pair = KeyPairs.generate(KeyPairs.Kind.EC_P256, "x", Duration.ofDays(1), Clock.systemUTC()).keyPair();
        assertThat(KeyIds.libtrust(pair.getPublic())).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");
    }

    @Test
    void base32MatchesRfc4648Vectors() {
        assertThat(KeyIds.base32("foobar".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(KeyIds.base32("f".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isEqualTo("MY");
    }

    static boolean run(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
