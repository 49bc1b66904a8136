package org.townlet.telemetry.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportCallbacks;
import org.townlet.telemetry.api.transport.TransportException;
import org.townlet.telemetry.testing.LogCapture;
import org.townlet.telemetry.testing.ManualClock;
import org.townlet.telemetry.testing.RefusingPort;
import org.townlet.telemetry.testing.TestTransportContexts;

/** The plaintext tcp transport against servers on 127.0.0.1 (ephemeral ports only). */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TcpTransportTest {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ManualClock clock = new ManualClock();

    @AfterEach
    void closeEverything() throws Exception {
        Exception failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    void tcpWritesExactBytes() throws Exception {
        LoopbackServer server = track(LoopbackServer.plaintext());
        Transport transport = start(TcpSettings.of("127.0.0.1:" + server.port()));
        byte[] nonAscii = "{\"name\":\"Zoë 🏠\"}\n".getBytes(StandardCharsets.UTF_8);

        SendReport first = transport.send(batch("payload-1\n"));
        SendReport second = transport.send(new FrameBatch(List.of(frame(1, "a\n"),
                new EncodedFrame(2, 3, FrameKind.DIFF, nonAscii), frame(3, "c\n"))));
        transport.close();

        LoopbackServer.Accepted connection = server.awaitConnection();
        assertThat(connection.awaitEnd()).isEqualTo("payload-1\na\n{\"name\":\"Zoë 🏠\"}\nc\n");
        assertThat(first).isEqualTo(SendReport.SAME_CONNECTION);
        assertThat(second).isEqualTo(SendReport.SAME_CONNECTION);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void largeFramesAreWrittenInOrderFromTheirOwnArrays() throws Exception {
        LoopbackServer server = track(LoopbackServer.plaintext());
        Transport transport = start(TcpSettings.of("127.0.0.1:" + server.port()));
        // frames larger and smaller than the write buffer, alternating, so gathering and passing through interleave
        List<EncodedFrame> frames = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            int length = i % 2 == 0 ? TcpTransport.WRITE_BUFFER_BYTES * 2 + i : 10 + i;
            String text = String.valueOf((char) ('a' + i)).repeat(length - 1) + "\n";
            frames.add(frame(i, text));
            expected.append(text);
        }
        FrameBatch batch = new FrameBatch(frames);
        transport.send(batch); // connects, and warms the socket's native write buffer

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        transport.send(batch);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        transport.close();

        LoopbackServer.Accepted connection = server.awaitConnection();
        assertThat(connection.awaitEnd()).isEqualTo(expected.toString() + expected);
        // a batch-sized copy would allocate the whole batch again (over 1 MiB)
        assertThat(allocated).isLessThan(batch.totalBytes() / 8);
    }

    @Test
    void tcpConnectsLazilyAndReconnectsWithBackoff() throws Exception {
        RefusingPort refusing = track(RefusingPort.open());
        int port = refusing.port();
        String endpoint = "127.0.0.1:" + port;
        TcpTransport transport = start(TcpSettings.builder(endpoint).retry(1.0, 1.0).build());
        assertThat(transport.isConnected()).isFalse();

        assertThatThrownBy(() -> transport.send(batch("lost-1\n")))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Failed to connect to telemetry endpoint " + endpoint + ": ");
        refusing.close();
        LoopbackServer server = track(LoopbackServer.plaintext(port));
        assertThatThrownBy(() -> transport.send(batch("lost-2\n")))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Telemetry endpoint " + endpoint + " unreachable; next connect attempt in ")
                .hasMessageContaining("(last error: ");

        clock.advance(Duration.ofSeconds(1));
        SendReport firstConnection = transport.send(batch("first\n"));
        LoopbackServer.Accepted first = server.awaitConnection();
        assertThat(first.awaitText("first\n")).isEqualTo("first\n");
        assertThat(firstConnection).isEqualTo(SendReport.SAME_CONNECTION);
        assertThat(transport.isConnected()).isTrue();

        first.reset();
        TransportException broken = sendUntilItFails(transport);
        assertThat(broken).hasMessageStartingWith("Failed to send to telemetry endpoint " + endpoint + ": ");
        assertThat(transport.isConnected()).isFalse();

        SendReport secondConnection = transport.send(batch("second\n"));
        LoopbackServer.Accepted second = server.awaitConnection();
        assertThat(second.awaitText("second\n")).isEqualTo("second\n");
        assertThat(secondConnection).isEqualTo(SendReport.NEW_CONNECTION);
        assertThat(transport.send(batch("third\n"))).isEqualTo(SendReport.SAME_CONNECTION);
        assertThat(second.awaitText("second\nthird\n")).isEqualTo("second\nthird\n");
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void failedConnectsBackOffExponentiallyWithJitterUpToTheCap() throws Exception {
        int port = track(RefusingPort.open()).port();
        String endpoint = "127.0.0.1:" + port;
        TcpTransport transport = start(TcpSettings.builder(endpoint).retry(0.5, 5.0).build());

        for (int failure = 1; failure <= 3; failure++) {
            assertThatThrownBy(() -> transport.send(batch("x\n")))
                    .hasMessageStartingWith("Failed to connect to telemetry endpoint " + endpoint + ": ");
            assertThatThrownBy(() -> transport.send(batch("x\n")))
                    .hasMessageStartingWith("Telemetry endpoint " + endpoint + " unreachable; ");
            clock.advance(Duration.ofSeconds(5));
        }

        // the delays themselves, on a generator seeded like the context's
        TcpTransport fresh = (TcpTransport) new TcpTransportFactory().create(
                TcpSettings.builder(endpoint).retry(0.5, 5.0).build(), TestTransportContexts.create());
        track(fresh::close);
        double[] caps = {0.5, 1.0, 2.0, 4.0, 5.0, 5.0, 5.0};
        for (int n = 1; n <= caps.length; n++) {
            double delay = fresh.backoffDelay(n).toNanos() / 1e9;
            assertThat(delay).as("delay after failure %d", n).isBetween(caps[n - 1] / 2, caps[n - 1]);
        }
        assertThat(fresh.backoffDelay(1_000).toNanos() / 1e9).isBetween(2.5, 5.0);
    }

    @Test
    void zeroBackoffRetriesTheConnectAtOnce() throws Exception {
        RefusingPort refusing = track(RefusingPort.open());
        int port = refusing.port();
        String endpoint = "127.0.0.1:" + port;
        TcpTransport transport = start(TcpSettings.builder(endpoint).retry(0, 0).build());

        assertThatThrownBy(() -> transport.send(batch("x\n")))
                .hasMessageStartingWith("Failed to connect to telemetry endpoint " + endpoint + ": ");
        refusing.close();
        LoopbackServer server = track(LoopbackServer.plaintext(port));

        assertThat(transport.send(batch("y\n"))).isEqualTo(SendReport.SAME_CONNECTION);
        assertThat(server.awaitConnection().awaitText("y\n")).isEqualTo("y\n");
    }

    @Test
    void tcpSendTimeoutUnblocks() throws Exception {
        // a server that never accepts nor reads: the kernel completes the connection, then the buffers fill up
        ServerSocket silent = new ServerSocket();
        track(silent);
        silent.setReceiveBufferSize(4096);
        silent.bind(new InetSocketAddress(LoopbackServer.loopback(), 0));
        String endpoint = "127.0.0.1:" + silent.getLocalPort();
        TcpTransport transport = start(TcpSettings.builder(endpoint).sendTimeoutSeconds(0.2).build());
        byte[] big = new byte[64 << 20];
        Arrays.fill(big, (byte) 'x');
        big[big.length - 1] = '\n';

        assertThatThrownBy(() -> transport.send(FrameBatch.of(new EncodedFrame(0, 1, FrameKind.SNAPSHOT, big))))
                .isInstanceOf(TransportException.class)
                .hasMessage("Timed out sending to telemetry endpoint " + endpoint + " after 0.2 s");
        assertThat(transport.isConnected()).isFalse();

        assertThat(transport.send(batch("small\n"))).isEqualTo(SendReport.NEW_CONNECTION);
    }

    @Test
    void tcpPlaintextToRemoteHostWarnsAtStart() throws Exception {
        try (LogCapture log = LogCapture.on(TestTransportContexts.LOGGER_NAME)) {
            TcpTransport transport = start(TcpSettings.builder("example.com:9000").enableTls(false)
                    .allowPlaintext(true).build());

            assertThat(log.lines()).containsExactly("WARNING telemetry_tcp_plaintext_enabled endpoint=example.com:9000");
            assertThat(transport.usesTls()).isFalse();
            assertThat(transport.isConnected()).isFalse();
        }
    }

    @Test
    void plaintextToLoopbackLogsNothingAtStart() throws Exception {
        try (LogCapture log = LogCapture.on(TestTransportContexts.LOGGER_NAME)) {
            start(TcpSettings.of("127.0.0.1:9000"));
            start(TcpSettings.of("localhost:9000"));
            start(TcpSettings.of("[::1]:9000"));

            assertThat(log.lines()).isEmpty();
        }
    }

    @Test
    void watchdogThreadRunsFromStartToClose() throws Exception {
        TcpTransport transport = (TcpTransport) new TcpTransportFactory().create(TcpSettings.of("127.0.0.1:9000"),
                TestTransportContexts.create(clock, TransportCallbacks.NONE));
        track(transport::close);
        List<Thread> before = watchdogThreads();

        transport.start();
        List<Thread> started = watchdogThreads();
        started.removeAll(before);
        transport.close();

        assertThat(started).hasSize(1);
        Thread watchdog = started.get(0);
        assertThat(watchdog.isDaemon()).isTrue();
        watchdog.join(LoopbackServer.WAIT.toMillis());
        assertThat(watchdog.isAlive()).isFalse();
    }

    @Test
    void closeIsIdempotentAndLaterSendsFail() throws Exception {
        LoopbackServer server = track(LoopbackServer.plaintext());
        String endpoint = "127.0.0.1:" + server.port();
        Transport transport = start(TcpSettings.of(endpoint));
        transport.send(batch("x\n"));

        transport.close();
        transport.close();

        assertThatThrownBy(() -> transport.send(batch("y\n")))
                .isInstanceOf(TransportException.class)
                .hasMessage("Telemetry tcp transport to " + endpoint + " is closed");
        assertThat(server.awaitConnection().awaitEnd()).isEqualTo("x\n");
    }

    @Test
    void sendBeforeStartIsAProgrammingError() {
        Transport transport = new TcpTransportFactory().create(TcpSettings.of("127.0.0.1:9000"),
                TestTransportContexts.create());
        track(transport::close);

        assertThatThrownBy(() -> transport.send(batch("x\n")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tcp transport used before start()");
    }

    private static TransportException sendUntilItFails(Transport transport) {
        // the reset reaches the client asynchronously: writes succeed until it has arrived
        long deadline = System.nanoTime() + LoopbackServer.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                transport.send(batch("after-reset\n"));
            } catch (TransportException e) {
                return e;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("sends kept succeeding after the server reset the connection");
    }

    private static List<Thread> watchdogThreads() {
        List<Thread> threads = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(TcpTransport.WATCHDOG_THREAD_NAME)) {
                threads.add(thread);
            }
        }
        return threads;
    }

    private TcpTransport start(TcpSettings settings) throws TransportException {
        TcpTransport transport = (TcpTransport) new TcpTransportFactory().create(settings,
                TestTransportContexts.create(clock, TransportCallbacks.NONE));
        track(transport::close);
        transport.start();
        return transport;
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private static FrameBatch batch(String text) {
        return FrameBatch.of(frame(0, text));
    }

    private static EncodedFrame frame(long seq, String text) {
        return new EncodedFrame(seq, seq + 1, seq == 0 ? FrameKind.SNAPSHOT : FrameKind.DIFF,
                text.getBytes(StandardCharsets.UTF_8));
    }
}
