package org.townlet.app.listen;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.townlet.app.config.ConfigurationException;
import org.townlet.telemetry.adapter.tcp.TlsFiles;

/**
 * The server {@link SSLContext} of {@code townlet listen}: presents {@code --tls-cert} with {@code --tls-key}, and,
 * with {@code --tls-client-ca}, trusts exactly those authorities for client certificates. The PEM files are read as
 * the tcp transport reads its own ({@link TlsFiles}); a bad file is a {@link ConfigurationException} naming the flag.
 */
final class ListenTls {
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private ListenTls() {
    }

    static SSLContext serverContext(Path certFile, Path keyFile, Path clientCaFile) {
        try {
            List<X509Certificate> chain = TlsFiles.readCertificates("--tls-cert", certFile);
            PrivateKey key = TlsFiles.readPrivateKey("--tls-key", keyFile);
            TlsFiles.requireKeyMatches(key, "--tls-key", keyFile, chain.get(0), "--tls-cert", certFile);
            List<X509Certificate> clientAuthorities = clientCaFile == null
                    ? List.of() : TlsFiles.readCertificates("--tls-client-ca", clientCaFile);

            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, IN_MEMORY_PASSWORD);

            TrustManager[] trustManagers = null;
            if (!clientAuthorities.isEmpty()) {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                int n = 0;
                for (X509Certificate authority : clientAuthorities) {
                    trusted.setCertificateEntry("client-ca-" + n++, authority);
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trusted);
                trustManagers = factory.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers, null);
            return context;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("--tls-cert/--tls-key: cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
