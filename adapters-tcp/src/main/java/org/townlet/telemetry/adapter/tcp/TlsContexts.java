package org.townlet.telemetry.adapter.tcp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the client {@link SSLContext} of the tcp transport from its PEM files (SPEC §12.3): trust is the JDK's
 * default trust store plus the certificates of {@code ca_file}; {@code cert_file} with {@code key_file} is presented
 * for mutual TLS. Everything is read and parsed here, when the transport is created, so a bad file fails at start-up
 * with a message naming it, never at the first connect.
 */
final class TlsContexts {
    /** One PEM block: its label and its base64 body. */
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** The password of the in-memory key store that hands the client key to the key manager; never stored. */
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private TlsContexts() {
    }

    /**
     * The client context for {@code settings}, which must use TLS.
     *
     * @throws IllegalArgumentException when a file cannot be read or parsed, naming the key and the file
     */
    static SSLContext create(TcpSettings settings) {
        List<X509Certificate> authorities = settings.caFile() == null
                ? List.of() : readCertificates("ca_file", settings.caFile());
        KeyManager[] keyManagers = null;
        if (settings.certFile() != null) {
            List<X509Certificate> chain = readCertificates("cert_file", settings.certFile());
            PrivateKey key = readPrivateKey(settings.keyFile());
            checkKeyMatches(key, chain.get(0), settings.keyFile(), settings.certFile());
            keyManagers = keyManagers(key, chain);
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers(authorities), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot set up TLS for the telemetry endpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Every {@code CERTIFICATE} block of the PEM file {@code path}, in order; at least one.
     *
     * @param key the settings key that named the file, for messages
     */
    static List<X509Certificate> readCertificates(String key, Path path) {
        String text = read(key, path);
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(text);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (block.find()) {
                if (!block.group(1).equals("CERTIFICATE")) {
                    continue;
                }
                byte[] der = decode(key, path, block.group(2));
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(key + " " + path + ": not a valid X.509 certificate: "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(key + " " + path
                    + ": no PEM certificate found; expected -----BEGIN CERTIFICATE-----");
        }
        return List.copyOf(certificates);
    }

    /** The unencrypted PKCS#8 RSA or EC private key of the PEM file {@code path} ({@code key_file}). */
    static PrivateKey readPrivateKey(Path path) {
        String text = read("key_file", path);
        Matcher block = PEM_BLOCK.matcher(text);
        String label = null;
        while (block.find()) {
            if (block.group(1).endsWith("PRIVATE KEY")) {
                label = block.group(1);
                break;
            }
        }
        if (label == null) {
            throw new IllegalArgumentException("key_file " + path
                    + ": no PEM private key found; expected an unencrypted PKCS#8 -----BEGIN PRIVATE KEY----- (RSA "
                    + "or EC)");
        }
        if (!label.equals("PRIVATE KEY")) {
            throw new IllegalArgumentException("key_file " + path + ": unsupported key format '" + label
                    + "'; expected an unencrypted PKCS#8 'PRIVATE KEY' (RSA or EC)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(decode("key_file", path, block.group(2)));
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        throw new IllegalArgumentException("key_file " + path + ": not an RSA or EC PKCS#8 private key");
    }

    /** Fails unless {@code key} is the private key of {@code certificate}'s public key (a test signature). */
    private static void checkKeyMatches(PrivateKey key, X509Certificate certificate, Path keyFile, Path certFile) {
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
            throw new IllegalArgumentException("key_file " + keyFile
                    + " does not match the first certificate of cert_file " + certFile);
        }
    }

    private static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot use cert_file and key_file: " + e.getMessage(), e);
        }
    }

    /**
     * The JDK's default trust managers, or, with extra authorities, trust managers over one store holding the
     * default trust anchors and those authorities. One standard trust manager keeps the JDK's own hostname check.
     */
    private static TrustManager[] trustManagers(List<X509Certificate> authorities)
            throws GeneralSecurityException {
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        if (authorities.isEmpty()) {
            return defaults.getTrustManagers();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
        int n = 0;
        for (TrustManager manager : defaults.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate anchor : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("default-" + n++, anchor);
                }
            }
        }
        for (X509Certificate authority : authorities) {
            store.setCertificateEntry("ca_file-" + n++, authority);
        }
        TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        combined.init(store);
        return combined.getTrustManagers();
    }

    private static String read(String key, Path path) {
        try {
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(key + " " + path + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(key + " " + path + ": permission denied", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(key + " " + path + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String key, Path path, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " " + path + ": bad PEM base64: " + e.getMessage(), e);
        }
    }
}
