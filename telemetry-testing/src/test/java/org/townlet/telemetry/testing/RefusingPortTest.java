package org.townlet.telemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** A port bound without listening refuses connections and cannot be taken until released. */
class RefusingPortTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void refusesConnectionsAndKeepsThePortWhileOpen() throws Exception {
        try (RefusingPort refusing = RefusingPort.open()) {
            int port = refusing.port();
            assertThat(port).isPositive();

            assertThatThrownBy(() -> {
                try (Socket client = new Socket()) {
                    client.connect(new InetSocketAddress(LOOPBACK, port), 5_000);
                }
            }).isInstanceOf(ConnectException.class);
            try (ServerSocket other = new ServerSocket()) {
                other.setReuseAddress(true); // what ServerSocket does by default on Linux
                assertThatThrownBy(() -> other.bind(new InetSocketAddress(LOOPBACK, port)))
                        .isInstanceOf(BindException.class);
            }
        }
    }

    @Test
    void aServerCanBindThePortOnceClosed() throws Exception {
        RefusingPort refusing = RefusingPort.open();
        int port = refusing.port();
        refusing.close();
        refusing.close();

        try (ServerSocket server = new ServerSocket(port, 1, LOOPBACK);
             Socket client = new Socket(LOOPBACK, port)) {
            assertThat(client.isConnected()).isTrue();
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }
}
