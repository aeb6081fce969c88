package dev.berth.auth.token;

import dev.berth.auth.keys.KeyPairs;
import dev.berth.auth.keys.PemKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and certificates for token tests: a self-signed signing pair and a small CA. */
final class TestPki {

    /** RSA key generation is slow; one pair serves every test that does not need its own. */
    private static final KeyPairs.SigningPair SHARED = selfSigned(Clock.systemUTC());

    private TestPki() {
    }

    static KeyPairs.SigningPair shared() {
        return SHARED;
    }

    static KeyPairs.SigningPair selfSigned(Clock clock) {
        return KeyPairs.generate(KeyPairs.Kind.RSA_2048, "berth-test-issuer", Duration.ofDays(1), clock);
    }

    static KeyPairs.SigningPair ecSelfSigned(Clock clock) {
        return KeyPairs.generate(KeyPairs.Kind.EC_P256, "berth-test-issuer-ec", Duration.ofDays(1), clock);
    }

    /** A leaf certificate for a new RSA key, issued by {@code ca}. */
    static KeyPairs.SigningPair leafSignedBy(KeyPairs.SigningPair ca, Clock clock) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair leaf = generator.generateKeyPair();
        Instant now = clock.instant();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name(ca.certificate().getSubjectX500Principal().getName()), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=berth-test-leaf"), leaf.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.keyPair().getPrivate())));
        return new KeyPairs.SigningPair(leaf, certificate);
    }

    static Path writeBundle(Path dir, String name, X509Certificate... certificates) throws IOException {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            pem.append(PemKeys.toPem(certificate));
        }
        return Files.writeString(dir.resolve(name), pem.toString());
    }
}
