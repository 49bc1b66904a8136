package org.townlet.telemetry.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.TransportException;
import org.townlet.telemetry.testing.TestTransportContexts;

/**
 * The tcp transport over TLS, against servers on 127.0.0.1 with certificates made by the test. The client always
 * connects to {@code localhost}; other names ({@code demo.local}) appear only inside certificates, so nothing outside
 * loopback is ever resolved.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TcpTlsTest {
    @TempDir
    static Path pki;

    private static TestCertificates.Identity authority;
    private static TestCertificates.Identity localhostServer;
    private static TestCertificates.Identity demoLocalServer;
    private static TestCertificates.Identity strangerServer;
    private static TestCertificates.Identity client;
    private static Path caFile;
    private static Path clientCertFile;
    private static Path clientKeyFile;

    @TempDir
    Path dir;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        authority = TestCertificates.authority("Townlet Test CA");
        TestCertificates.Identity stranger = TestCertificates.authority("Stranger CA");
        localhostServer = TestCertificates.server(authority, "localhost");
        demoLocalServer = TestCertificates.server(authority, "demo.local");
        strangerServer = TestCertificates.server(stranger, "localhost");
        client = TestCertificates.client(authority, "telemetry-client");
        caFile = TestCertificates.writeCertificates(pki.resolve("ca.pem"), authority.certificate());
        clientCertFile = TestCertificates.writeCertificates(pki.resolve("client.pem"), client.chain());
        clientKeyFile = TestCertificates.writeKey(pki.resolve("client.key"), client.key());
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void tcpTlsTrustsCaAndVerifiesHostname() throws Exception {
        LoopbackServer good = server(localhostServer, false);
        LoopbackServer misnamed = server(demoLocalServer, false);
        TcpTransport toGood = start(TcpSettings.builder("localhost:" + good.port()).caFile(caFile).build());
        TcpTransport toMisnamed = start(TcpSettings.builder("localhost:" + misnamed.port()).caFile(caFile).build());

        SendReport report = toGood.send(batch("hello over tls\n"));
        LoopbackServer.Accepted accepted = good.awaitConnection();

        assertThat(toGood.usesTls()).isTrue();
        assertThat(report).isEqualTo(SendReport.SAME_CONNECTION);
        assertThat(accepted.awaitText("hello over tls\n")).isEqualTo("hello over tls\n");
        assertThat(accepted.handshaken()).isTrue();

        assertThatThrownBy(() -> toMisnamed.send(batch("never written\n")))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Failed to connect to telemetry endpoint localhost:" + misnamed.port() + ": ")
                .hasRootCauseInstanceOf(CertificateException.class);
        LoopbackServer.Accepted refused = misnamed.awaitConnection();
        assertThat(refused.awaitEnd()).isEmpty();
        assertThat(refused.handshaken()).isFalse();
        assertThat(toMisnamed.isConnected()).isFalse();
    }

    @Test
    void verifyHostnameOffStillVerifiesTheChain() throws Exception {
        LoopbackServer misnamed = server(demoLocalServer, false);
        LoopbackServer stranger = server(strangerServer, false);
        TcpTransport toMisnamed = start(TcpSettings.builder("localhost:" + misnamed.port()).caFile(caFile)
                .verifyHostname(false).build());
        TcpTransport toStranger = start(TcpSettings.builder("localhost:" + stranger.port()).caFile(caFile)
                .verifyHostname(false).build());

        toMisnamed.send(batch("name not checked\n"));
        assertThat(misnamed.awaitConnection().awaitText("name not checked\n")).isEqualTo("name not checked\n");

        assertThatThrownBy(() -> toStranger.send(batch("never written\n")))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Failed to connect to telemetry endpoint localhost:" + stranger.port() + ": ")
                .hasRootCauseInstanceOf(CertPathBuilderException.class);
    }

    @Test
    void withoutCaFileATestCaIsNotTrusted() throws Exception {
        LoopbackServer good = server(localhostServer, false);
        TcpTransport transport = start(TcpSettings.builder("localhost:" + good.port()).enableTls(true).build());

        assertThatThrownBy(() -> transport.send(batch("never written\n")))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Failed to connect to telemetry endpoint localhost:" + good.port() + ": ")
                .hasRootCauseInstanceOf(CertPathBuilderException.class);
    }

    @Test
    void tcpMutualTlsPresentsClientCert() throws Exception {
        LoopbackServer server = server(localhostServer, true);
        TcpTransport transport = start(TcpSettings.builder("localhost:" + server.port()).caFile(caFile)
                .clientCertificate(clientCertFile, clientKeyFile).build());

        transport.send(batch("mutual\n"));
        LoopbackServer.Accepted accepted = server.awaitConnection();

        assertThat(accepted.awaitText("mutual\n")).isEqualTo("mutual\n");
        assertThat(accepted.peerCertificates()).first().isEqualTo(client.certificate());
    }

    @Test
    void tlsReconnectReportsNewConnection() throws Exception {
        LoopbackServer server = server(localhostServer, false);
        TcpTransport transport = start(TcpSettings.builder("localhost:" + server.port()).caFile(caFile).build());
        assertThat(transport.send(batch("one\n"))).isEqualTo(SendReport.SAME_CONNECTION);
        LoopbackServer.Accepted first = server.awaitConnection();
        assertThat(first.awaitText("one\n")).isEqualTo("one\n");

        first.reset();
        long deadline = System.nanoTime() + LoopbackServer.WAIT.toNanos();
        boolean failed = false;
        while (!failed && System.nanoTime() < deadline) {
            try {
                transport.send(batch("after-reset\n"));
            } catch (TransportException e) {
                failed = true;
            }
        }

        assertThat(failed).isTrue();
        assertThat(transport.send(batch("two\n"))).isEqualTo(SendReport.NEW_CONNECTION);
        assertThat(server.awaitConnection().awaitText("two\n")).isEqualTo("two\n");
    }

    @Test
    void pkcs1AndEncryptedKeysAreRejectedNamingTheFile() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("rsa.key"),
                TestCertificates.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}), StandardCharsets.US_ASCII);
        Path sec1 = Files.writeString(dir.resolve("ec.key"),
                TestCertificates.pem("EC PRIVATE KEY", new byte[] {1, 2, 3}), StandardCharsets.US_ASCII);
        Path encrypted = Files.writeString(dir.resolve("enc.key"),
                TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}), StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> create(clientSettings(clientCertFile, pkcs1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key_file " + pkcs1 + ": unsupported key format 'RSA PRIVATE KEY'; expected an "
                        + "unencrypted PKCS#8 'PRIVATE KEY' (RSA or EC)");
        assertThatThrownBy(() -> create(clientSettings(clientCertFile, sec1)))
                .hasMessage("key_file " + sec1 + ": unsupported key format 'EC PRIVATE KEY'; expected an "
                        + "unencrypted PKCS#8 'PRIVATE KEY' (RSA or EC)");
        assertThatThrownBy(() -> create(clientSettings(clientCertFile, encrypted)))
                .hasMessage("key_file " + encrypted + ": unsupported key format 'ENCRYPTED PRIVATE KEY'; expected "
                        + "an unencrypted PKCS#8 'PRIVATE KEY' (RSA or EC)");
    }

    @Test
    void otherKeyAlgorithmsAndForeignKeysAreRejected() throws Exception {
        Path ed25519 = TestCertificates.writeKey(dir.resolve("ed.key"),
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        Path foreign = TestCertificates.writeKey(dir.resolve("foreign.key"), localhostServer.key());
        Path empty = Files.writeString(dir.resolve("empty.key"), "not a key\n");

        assertThatThrownBy(() -> create(clientSettings(clientCertFile, ed25519)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key_file " + ed25519 + ": not an RSA or EC PKCS#8 private key");
        assertThatThrownBy(() -> create(clientSettings(clientCertFile, foreign)))
                .hasMessage("key_file " + foreign + " does not match the first certificate of cert_file "
                        + clientCertFile);
        assertThatThrownBy(() -> create(clientSettings(clientCertFile, empty)))
                .hasMessage("key_file " + empty + ": no PEM private key found; expected an unencrypted PKCS#8 "
                        + "-----BEGIN PRIVATE KEY----- (RSA or EC)");
    }

    @Test
    void unreadableOrInvalidCertificateFilesAreRejectedNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path noPem = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"),
                TestCertificates.pem("CERTIFICATE", new byte[] {48, 3, 2, 1, 0}), StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> create(TcpSettings.builder("example.com:9000").caFile(missing).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ca_file " + missing + ": no such file");
        assertThatThrownBy(() -> create(TcpSettings.builder("example.com:9000").caFile(noPem).build()))
                .hasMessage("ca_file " + noPem + ": no PEM certificate found; expected -----BEGIN CERTIFICATE-----");
        assertThatThrownBy(() -> create(TcpSettings.builder("example.com:9000").caFile(garbage).build()))
                .hasMessageStartingWith("ca_file " + garbage + ": not a valid X.509 certificate: ");
        assertThatThrownBy(() -> create(clientSettings(missing, clientKeyFile)))
                .hasMessage("cert_file " + missing + ": no such file");
    }

    @Test
    void caFileMakesLoopbackUseTlsByDefault() {
        TcpTransport transport = create(TcpSettings.builder("localhost:9000").caFile(caFile).build());

        assertThat(transport.usesTls()).isTrue();
    }

    private static TcpSettings clientSettings(Path certFile, Path keyFile) {
        return TcpSettings.builder("example.com:9000").caFile(caFile).clientCertificate(certFile, keyFile).build();
    }

    private LoopbackServer server(TestCertificates.Identity identity, boolean needClientAuth) throws Exception {
        LoopbackServer server = LoopbackServer.tls(
                TestCertificates.serverContext(identity, authority.certificate()), needClientAuth);
        resources.add(server);
        return server;
    }

    private TcpTransport create(TcpSettings settings) {
        TcpTransport transport = (TcpTransport) new TcpTransportFactory().create(settings,
                TestTransportContexts.create());
        resources.add(transport::close);
        return transport;
    }

    private TcpTransport start(TcpSettings settings) throws TransportException {
        TcpTransport transport = create(settings);
        transport.start();
        return transport;
    }

    private static FrameBatch batch(String text) {
        return FrameBatch.of(new EncodedFrame(0, 1, FrameKind.SNAPSHOT, text.getBytes(StandardCharsets.UTF_8)));
    }
}
