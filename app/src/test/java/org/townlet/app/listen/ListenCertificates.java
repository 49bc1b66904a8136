package org.townlet.app.listen;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates and keys made by the tests (BouncyCastle builds and signs the certificates, the JDK makes EC keys) and
 * written as PEM files, so no private key is checked in. Nothing here resolves a name.
 */
final class ListenCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private ListenCertificates() {
    }

    /** A key and its certificate chain, leaf first. */
    record Identity(PrivateKey key, X509Certificate... chain) {
        X509Certificate certificate() {
            return chain[0];
        }

        /** Writes {@code name.pem} (the chain) and {@code name.key} (PKCS#8) into {@code dir}. */
        Pem write(Path dir, String name) throws Exception {
            StringBuilder certificates = new StringBuilder();
            for (X509Certificate certificate : chain) {
                certificates.append(pem("CERTIFICATE", certificate.getEncoded()));
            }
            Path cert = Files.writeString(dir.resolve(name + ".pem"), certificates, StandardCharsets.US_ASCII);
            Path keyFile = Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded()),
                    StandardCharsets.US_ASCII);
            return new Pem(cert, keyFile);
        }
    }

    /** PEM files of an identity. */
    record Pem(Path certificate, Path key) {
    }

    static Identity authority(String name) throws Exception {
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder builder = builder(subject, subject, keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Identity(keys.getPrivate(), sign(builder, keys.getPrivate()));
    }

    static Identity server(Identity issuer, String dnsName) throws Exception {
        return leaf(issuer, dnsName, KeyPurposeId.id_kp_serverAuth);
    }

    static Identity client(Identity issuer, String name) throws Exception {
        return leaf(issuer, name, KeyPurposeId.id_kp_clientAuth);
    }

    private static Identity leaf(Identity issuer, String name, KeyPurposeId purpose) throws Exception {
        KeyPair keys = ecKeys();
        X509v3CertificateBuilder builder = builder(
                X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                new X500Name("CN=" + name), keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        return new Identity(keys.getPrivate(), sign(builder, issuer.key()), issuer.certificate());
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    static Path writeCertificate(Path file, X509Certificate certificate) throws Exception {
        return Files.writeString(file, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
    }

    private static String pem(String label, byte[] der) throws IOException {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
