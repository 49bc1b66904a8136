package org.townlet.app.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.townlet.app.config.ConfigurationException;
import org.townlet.app.lifecycle.ShutdownHook;
import org.townlet.app.logging.StderrLogging;
import org.townlet.telemetry.adapter.kafka.broker.KraftBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code townlet broker}: a single-node KRaft Kafka broker on 127.0.0.1 for local runs and demos of the kafka
 * transport (SPEC §19), so that trying it needs nothing installed. Runs until SIGINT or SIGTERM, then stops the broker
 * cleanly (its data stays in {@code --data}).
 */
@Command(name = "broker",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs a single-node Kafka broker (KRaft) on 127.0.0.1 for the kafka transport.",
            "",
            "The controller listens on port + 1. Topics are created on first use. Ctrl-C (SIGINT) or SIGTERM stops it cleanly;",
            "the data stays in --data and is reused by the next start.",
            "",
            "Examples:",
            "  townlet broker --port 9092 --data /tmp/townlet-kafka",
            "  townlet run --transport kafka --endpoint 127.0.0.1:9092 --seed 1",
            "  townlet listen --kafka 127.0.0.1:9092 --idle-exit 10"
        })
public final class BrokerCommand implements Callable<Integer> {
    /** How long a signal may take to stop the broker (it flushes its logs) before the JVM halts anyway. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(15);

    @Option(names = "--port", paramLabel = "P", description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port = 9092;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Log and metadata directory, formatted when new (default: ${DEFAULT-VALUE}).")
    Path data = Path.of("townlet-kafka-data");

    @Option(names = "--debug", description = "Show stack traces and debug logs.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        StderrLogging.configure(debug, false);
        if (port < 1 || port > 65534) {
            throw new ConfigurationException("--port: must be 1–65534 (the controller takes port + 1); got " + port);
        }
        KraftBroker broker = new KraftBroker(port, data);
        CountDownLatch stopRequested = new CountDownLatch(1);
        // SIGINT/SIGTERM: wake the main thread, which closes the broker; the hook then halts with 0 (a clean stop,
        // not the signal's status).
        ShutdownHook hook = ShutdownHook.install(STOP_BOUND, stopRequested::countDown, broker::close, 0);
        try {
            broker.start();
        } catch (Exception e) {
            broker.close();
            hook.uninstall();
            throw new IllegalStateException("broker failed to start on " + broker.bootstrap() + ": " + e.getMessage(),
                    e);
        }
        System.err.println("townlet: broker ready on " + broker.bootstrap() + " (data " + data.toAbsolutePath()
                + "); Ctrl-C stops it");
        stopRequested.await();
        System.err.println("townlet: broker stopping");
        broker.close();
        hook.runFinished();
        return 0;
    }
}
