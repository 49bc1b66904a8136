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
    /** The address RefusingPort binds, whatever the JVM prefers for its loopback address. */
    private static InetAddress loopback() throws Exception {
        return InetAddress.getByName("127.0.0.1");
    }

    @Test
    void refusesConnectionsAndKeepsThePortWhileOpen() throws Exception {
        try (RefusingPort refusing = RefusingPort.open()) {
            InetSocketAddress address = new InetSocketAddress(loopback(), refusing.port());
            assertThat(address.getPort()).isPositive();

            assertThatThrownBy(() -> {
                try (Socket client = new Socket()) {
                    client.connect(address, 5_000);
                }
            }).isInstanceOf(ConnectException.class);
            try (ServerSocket other = new ServerSocket()) {
                other.setReuseAddress(true); // what ServerSocket does by default on Linux
                assertThatThrownBy(() -> other.bind(address))
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
        InetAddress loopback = loopback();

        try (ServerSocket server = new ServerSocket(port, 1, loopback);
             Socket client = new Socket(loopback, port)) {
            assertThat(client.isConnected()).isTrue();
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }
}
