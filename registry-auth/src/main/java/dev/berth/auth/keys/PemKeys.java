package dev.berth.auth.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes the PEM files a token setup uses: the issuer's private key in any form
 * openssl writes (PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}, PKCS#8
 * {@code PRIVATE KEY}) and certificate bundles. Encrypted keys are refused with a message
 * saying so: a registry key is read unattended.
 */
public final class PemKeys {

    private PemKeys() {
    }

    /** The key pair of a private-key PEM file; the public half is derived when absent. */
    public static KeyPair readKeyPair(Path pem) {
        return parseKeyPair(read(pem), pem.toString());
    }

    /** The key pair of private-key PEM text. */
    public static KeyPair parseKeyPair(String pem, String source) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PEMKeyPair pair) {
                    // SEC1 keys may leave out the public point.
                    if (pair.getPublicKeyInfo() != null) {
                        return converter.getKeyPair(pair);
                    }
                    item = pair.getPrivateKeyInfo();
                }
                if (item instanceof PrivateKeyInfo info) {
                    PrivateKey key = converter.getPrivateKey(info);
                    return new KeyPair(derivePublic(key), key);
                }
                if (!(item instanceof ASN1ObjectIdentifier)) {
                    // An "EC PARAMETERS" block precedes SEC1 keys from `openssl ecparam -genkey`.
                    throw new IllegalArgumentException(source + ": unsupported PEM object "
                            + item.getClass().getSimpleName() + " (encrypted keys are not supported)");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": unreadable PEM: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(source + ": no private key found");
    }

    /** Every {@code CERTIFICATE} block of a PEM bundle, in file order. */
    public static List<X509Certificate> readCertificates(Path pem) {
        return parseCertificates(read(pem), pem.toString());
    }

    /** Every {@code CERTIFICATE} block of PEM text; other blocks are skipped. */
    public static List<X509Certificate> parseCertificates(String pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof org.bouncycastle.cert.X509CertificateHolder holder) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(holder.getEncoded())));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(source + ": unreadable certificate: " + e.getMessage(), e);
        }
        return List.copyOf(certificates);
    }

    /** PEM text of a private key, always PKCS#8 ({@code PRIVATE KEY}), which every tool reads. */
    public static String toPem(PrivateKey key) {
        return write(new PemObject("PRIVATE KEY", key.getEncoded()));
    }

    /** PEM text of a certificate. */
    public static String toPem(X509Certificate certificate) {
        try {
            return write(new PemObject("CERTIFICATE", certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("unencodable certificate", e);
        }
    }

    private static String write(PemObject object) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String read(Path pem) {
        try {
            return Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pem, e);
        }
    }

    /** PKCS#8 may omit the public key; RSA keeps it in the CRT form, EC recomputes d·G. */
    private static PublicKey derivePublic(PrivateKey key) {
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (key instanceof ECPrivateKey ec) {
                return KeyFactory.getInstance("EC").generatePublic(
                        new ECPublicKeySpec(multiplyGenerator(ec), ec.getParams()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the public key", e);
        }
        throw new IllegalArgumentException("unsupported private key: " + key.getAlgorithm()
                + " (RSA and EC are supported)");
    }

    private static ECPoint multiplyGenerator(ECPrivateKey key) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(
                info.getPrivateKeyAlgorithm().getParameters());
        X9ECParameters parameters = ECNamedCurveTable.getByOID(curve);
        if (parameters == null) {
            throw new IllegalArgumentException("unknown EC curve " + curve);
        }
        org.bouncycastle.math.ec.ECPoint q = parameters.getG().multiply(key.getS()).normalize();
        BigInteger x = q.getAffineXCoord().toBigInteger();
        BigInteger y = q.getAffineYCoord().toBigInteger();
        return new ECPoint(x, y);
    }
}
