package org.townlet.telemetry.adapter.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.townlet.telemetry.adapter.kafka.broker.KraftBroker;

/**
 * The module's {@link KraftBroker} on two ephemeral loopback ports, for the tests: restartable on the same ports and
 * data directory.
 */
final class EmbeddedKafka implements AutoCloseable {
    private final KraftBroker broker;

    EmbeddedKafka(Path dataDir) throws IOException {
        int port = freePort();
        int controllerPort = freePort();
        while (controllerPort == port) { // two free ports, but the same one twice would make the broker refuse
            controllerPort = freePort();
        }
        this.broker = new KraftBroker(port, controllerPort, dataDir);
    }

    void start() throws Exception {
        broker.start();
    }

    void stop() {
        broker.close();
    }

    String bootstrap() {
        return broker.bootstrap();
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
