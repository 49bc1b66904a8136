package org.townlet.telemetry.adapter.tcp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of TLS (SPEC §12.3): certificate chains and unencrypted PKCS#8 RSA or EC private keys, with
 * messages that name the setting or flag and the file. Used by the tcp transport for {@code ca_file},
 * {@code cert_file} and {@code key_file}, and by {@code townlet listen} for its {@code --tls-*} flags, so both read PEM
 * the same way. Stateless and thread-safe.
 */
public final class TlsFiles {
    /** One PEM block: its label and its base64 body. */
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private TlsFiles() {
    }

    /**
     * Every {@code CERTIFICATE} block of the PEM file {@code path}, in order; at least one.
     *
     * @param name the setting or flag that named the file, for messages ({@code ca_file}, {@code --tls-cert})
     * @throws IllegalArgumentException when the file cannot be read, holds no certificate or a bad one
     */
    public static List<X509Certificate> readCertificates(String name, Path path) {
        String text = read(name, path);
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(text);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (block.find()) {
                if (!block.group(1).equals("CERTIFICATE")) {
                    continue;
                }
                byte[] der = decode(name, path, block.group(2));
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(name + " " + path + ": not a valid X.509 certificate: "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(name + " " + path
                    + ": no PEM certificate found; expected -----BEGIN CERTIFICATE-----");
        }
        return List.copyOf(certificates);
    }

    /**
     * The unencrypted PKCS#8 RSA or EC private key of the PEM file {@code path}.
     *
     * @param name the setting or flag that named the file, for messages ({@code key_file}, {@code --tls-key})
     * @throws IllegalArgumentException when the file cannot be read or holds no such key (other formats are named)
     */
    public static PrivateKey readPrivateKey(String name, Path path) {
        String text = read(name, path);
        Matcher block = PEM_BLOCK.matcher(text);
        String label = null;
        while (block.find()) {
            if (block.group(1).endsWith("PRIVATE KEY")) {
                label = block.group(1);
                break;
            }
        }
        if (label == null) {
            throw new IllegalArgumentException(name + " " + path
                    + ": no PEM private key found; expected an unencrypted PKCS#8 -----BEGIN PRIVATE KEY----- (RSA "
                    + "or EC)");
        }
        if (!label.equals("PRIVATE KEY")) {
            throw new IllegalArgumentException(name + " " + path + ": unsupported key format '" + label
                    + "'; expected an unencrypted PKCS#8 'PRIVATE KEY' (RSA or EC)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(decode(name, path, block.group(2)));
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        throw new IllegalArgumentException(name + " " + path + ": not an RSA or EC PKCS#8 private key");
    }

    /**
     * Fails unless {@code key} is the private key of {@code certificate}'s public key (checked with a test signature).
     *
     * @throws IllegalArgumentException naming both files
     */
    public static void requireKeyMatches(PrivateKey key, String keyName, Path keyFile, X509Certificate certificate,
                                         String certName, Path certFile) {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "townlet-telemetry key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException(keyName + " " + keyFile + " does not match the first certificate of "
                    + certName + " " + certFile);
        }
    }

    private static String read(String name, Path path) {
        try {
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + " " + path + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(name + " " + path + ": permission denied", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " " + path + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String name, Path path, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " " + path + ": bad PEM base64: " + e.getMessage(), e);
        }
    }
}
