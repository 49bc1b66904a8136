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
        // Both held open at once, so they are two different ports (the broker refuses the same one twice).
        try (ServerSocket broker = loopbackSocket(); ServerSocket controller = loopbackSocket()) {
            this.broker = new KraftBroker(broker.getLocalPort(), controller.getLocalPort(), dataDir);
        }
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

    private static ServerSocket loopbackSocket() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }
}
