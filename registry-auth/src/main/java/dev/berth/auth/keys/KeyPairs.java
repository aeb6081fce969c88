package dev.berth.auth.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The token signing pair: the application signs with {@code registry.key}, the registry
 * trusts {@code registry.crt} ({@code auth.token.rootcertbundle}). Generates a matching pair
 * and tells whether a key and a certificate belong together, which is what the "token signed
 * by untrusted key" troubleshooting comes down to.
 */
public final class KeyPairs {

    /** The kinds of key a pair can be generated with. */
    public enum Kind {
        RSA_2048, RSA_4096, EC_P256, EC_P384
    }

    /** A private key with its self-signed certificate. */
    public record SigningPair(KeyPair keyPair, X509Certificate certificate) {

        public SigningPair {
            Objects.requireNonNull(keyPair, "keyPair");
            Objects.requireNonNull(certificate, "certificate");
        }

        /** Writes the key (PKCS#8, owner-only where the file system allows) and the certificate. */
        public void write(Path key, Path certificate) {
            writeAtomically(key, PemKeys.toPem(keyPair.getPrivate()), true);
            writeAtomically(certificate, PemKeys.toPem(this.certificate), false);
        }
    }

    /**
     * The answer of {@link #check}: whether the key's public half is the certificate's key,
     * with both libtrust key IDs so an administrator can compare them with the {@code kid} the
     * registry logged.
     */
    public record MatchReport(boolean matches, String keyId, String certificateKeyId) {

        /** One line for a terminal. */
        public String describe() {
            return matches
                    ? "key and certificate match (key ID " + keyId + ")"
                    : "key and certificate do NOT match: the key signs as " + keyId
                            + " but the certificate holds " + certificateKeyId
                            + "; tokens will be refused with \"token signed by untrusted key\"";
        }
    }

    private KeyPairs() {
    }

    /** A new key pair with a self-signed certificate for {@code commonName}. */
    public static SigningPair generate(Kind kind, String commonName, Duration validity, Clock clock) {
        KeyPair keyPair = newKeyPair(kind);
        Instant now = clock.instant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)),
                subject, keyPair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            String signature = keyPair.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signature).build(keyPair.getPrivate())));
            return new SigningPair(keyPair, certificate);
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a self-signed certificate", e);
        }
    }

    /** Whether the private key in {@code key} belongs to the (first) certificate in {@code certificate}. */
    public static MatchReport check(Path key, Path certificate) {
        PublicKey keyPublic = PemKeys.readKeyPair(key).getPublic();
        List<X509Certificate> certificates = PemKeys.readCertificates(certificate);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(certificate + ": no certificate found");
        }
        return check(keyPublic, certificates.get(0).getPublicKey());
    }

    /** Whether two public keys are the same key. */
    public static MatchReport check(PublicKey key, PublicKey certificateKey) {
        String keyId = KeyIds.libtrust(key);
        String certificateKeyId = KeyIds.libtrust(certificateKey);
        return new MatchReport(keyId.equals(certificateKeyId), keyId, certificateKeyId);
    }

    private static KeyPair newKeyPair(Kind kind) {
        try {
            KeyPairGenerator generator;
            switch (kind) {
                case RSA_2048, RSA_4096 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(kind == Kind.RSA_2048 ? 2048 : 4096);
                }
                case EC_P256, EC_P384 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(kind == Kind.EC_P256 ? "secp256r1" : "secp384r1"));
                }
                default -> throw new IllegalArgumentException(kind.toString());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + kind + " key", e);
        }
    }

    private static void writeAtomically(Path target, String content, boolean secret) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".berth-", ".pem");
            try {
                if (secret && temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                }
                Files.writeString(temporary, content, StandardCharsets.US_ASCII);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
