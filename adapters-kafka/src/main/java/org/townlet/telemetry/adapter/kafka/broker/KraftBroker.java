package org.townlet.telemetry.adapter.kafka.broker;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.townlet.telemetry.adapter.kafka.KafkaSettings;

/**
 * A single-node KRaft Kafka broker (broker and controller in one process) on 127.0.0.1, built from the Kafka server
 * artifacts on the class path: {@code townlet broker} for local runs and demos, and this module's tests. Its data
 * directory is formatted on first use and reused after that (also by a restart of the same instance); the default
 * topic is created at start, others on first use, with {@value #PARTITIONS} partitions.
 *
 * <p>The Kafka server artifacts are an optional dependency of this module: a user of the transport alone does not get
 * them; whoever starts a broker (the app, the tests) declares them.
 */
public final class KraftBroker implements AutoCloseable {
    /** Partitions of a topic created on first use; one run's frames stay in one of them (keyed by run id). */
    public static final int PARTITIONS = 3;
    /** Written by formatting; its presence means the directory holds a cluster already. */
    private static final String META_PROPERTIES = "meta.properties";

    private final int port;
    private final Path dataDir;
    private final int controllerPort;
    private KafkaRaftServer server;

    /**
     * @param port    the client port on 127.0.0.1, 1–65534; the controller listens on {@code port + 1}
     * @param dataDir the log and metadata directory, created and formatted when new
     */
    public KraftBroker(int port, Path dataDir) {
        this(port, port + 1, dataDir);
    }

    /**
     * @param port           the client port on 127.0.0.1
     * @param controllerPort the KRaft controller's port on 127.0.0.1
     * @param dataDir        the log and metadata directory, created and formatted when new
     */
    public KraftBroker(int port, int controllerPort, Path dataDir) {
        if (port < 1 || port > 65535 || controllerPort < 1 || controllerPort > 65535 || port == controllerPort) {
            throw new IllegalArgumentException("ports must be two different ports in 1–65535; got " + port + " and "
                    + controllerPort);
        }
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Formats the data directory if new, then starts the broker; returns once it serves clients. */
    public void start() throws Exception {
        Files.createDirectories(dataDir);
        // Formatted by an earlier start: keep its cluster id (formatting again would write a new one into the
        // metadata log directory, and the broker would refuse to start).
        if (!Files.exists(dataDir.resolve(META_PROPERTIES))) {
            new Formatter()
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true)
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .run();
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties(), false), Time.SYSTEM);
        server.startup();
        createTopic(KafkaSettings.DEFAULT_TOPIC);
    }

    /**
     * Creates {@code topic} now (when it does not exist yet), so the first runs do not spend their first seconds
     * waiting for the topic to be created on first use, while their buffers fill.
     */
    private void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", Integer.toString(PARTITIONS));
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** The bootstrap address clients use: {@code 127.0.0.1:port}. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** Stops the broker and waits for it; idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
