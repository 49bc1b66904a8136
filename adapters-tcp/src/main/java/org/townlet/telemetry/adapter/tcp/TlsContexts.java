package org.townlet.telemetry.adapter.tcp;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
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
 * with a message naming it, never at the first connect. The PEM files are read by {@link TlsFiles}.
 */
final class TlsContexts {
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
                ? List.of() : TlsFiles.readCertificates("ca_file", settings.caFile());
        KeyManager[] keyManagers = null;
        if (settings.certFile() != null) {
            List<X509Certificate> chain = TlsFiles.readCertificates("cert_file", settings.certFile());
            PrivateKey key = TlsFiles.readPrivateKey("key_file", settings.keyFile());
            TlsFiles.requireKeyMatches(key, "key_file", settings.keyFile(), chain.get(0), "cert_file",
                    settings.certFile());
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

}
