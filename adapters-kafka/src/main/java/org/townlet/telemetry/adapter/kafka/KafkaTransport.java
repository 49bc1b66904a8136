package org.townlet.telemetry.adapter.kafka;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.townlet.telemetry.api.TelemetrySchema;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportException;

/**
 * The {@code kafka} transport: one record per frame (key the run id, value the frame's bytes unchanged, headers
 * {@code schema_version}, {@code payload_type}, {@code seq}), one {@code flush()} per batch. A batch counts as sent
 * once the cluster has acknowledged every record of it (per {@code acks}); when any record fails for good (after the
 * client's own retries and reconnects, bounded by {@code delivery.timeout.ms}) the send throws, so the worker counts
 * the failure and retries or drops the batch. Records of a failed batch that were acknowledged are remembered and not
 * produced again when the worker retries it, so a retry adds no duplicates.
 *
 * <p>{@link #start()} creates the producer and fetches the topic's metadata (which connects to the cluster), bounded
 * by {@code max.block.ms}: the worker calls it on the simulation thread before the first tick, so a run starts
 * producing only once its client is connected, and the first send does not pay for connection, metadata and class
 * loading while frames pile up behind it. A bad bootstrap address or a topic the cluster does not serve fails the
 * start after {@code max.block.ms}, with a message naming the address; the producer is kept (the client keeps
 * trying), so later sends fail or succeed on their own, each bounded the same way.
 */
final class KafkaTransport implements Transport {
    static final String HEADER_SCHEMA_VERSION = "schema_version";
    static final String HEADER_PAYLOAD_TYPE = "payload_type";
    static final String HEADER_SEQ = "seq";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final byte[] SCHEMA_VERSION = TelemetrySchema.VERSION.getBytes(StandardCharsets.UTF_8);

    private final KafkaSettings settings;
    private final byte[] key;
    private final System.Logger logger;
    private Producer<byte[], byte[]> producer;
    /** Seqs of the last failed batch the cluster acknowledged; skipped when that batch is retried. */
    private final Set<Long> deliveredOfFailedBatch = new HashSet<>();
    private boolean failing;
    private boolean closed;

    KafkaTransport(KafkaSettings settings, System.Logger logger) {
        this.settings = settings;
        this.key = settings.runId().getBytes(StandardCharsets.UTF_8);
        this.logger = logger;
    }

    @Override
    public void start() throws TransportException {
        Producer<byte[], byte[]> p = producer();
        List<PartitionInfo> partitions;
        try {
            partitions = p.partitionsFor(settings.topic());
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while connecting", e);
        } catch (TimeoutException e) {
            throw failure("cannot connect (no metadata within kafka.max_block_seconds, " + settings.maxBlockSeconds()
                    + " s)", e);
        } catch (KafkaException e) {
            // Refused at once (authentication, authorisation, an invalid topic): the client's message says why.
            throw failure("cannot start", e);
        }
        logger.log(Level.INFO, "telemetry_kafka_start bootstrap=" + settings.endpoint() + " topic="
                + settings.topic() + " partitions=" + partitions.size() + " run_id=" + settings.runId());
    }

    @Override
    public SendReport send(FrameBatch batch) throws TransportException {
        Producer<byte[], byte[]> p = producer();
        List<EncodedFrame> frames = new ArrayList<>(batch.size());
        List<Future<RecordMetadata>> futures = new ArrayList<>(batch.size());
        String error = null;
        for (EncodedFrame frame : batch.frames()) {
            if (deliveredOfFailedBatch.contains(frame.seq())) {
                continue;
            }
            Future<RecordMetadata> future;
            try {
                future = p.send(record(frame));
            } catch (InterruptException e) {
                Thread.currentThread().interrupt();
                abandonUndelivered();
                throw failure("interrupted while sending", e);
            } catch (KafkaException e) {
                error = e.getMessage();
                break;
            }
            frames.add(frame);
            futures.add(future);
            if (future.isDone() && failed(future) != null) {
                // Failed before it was queued (no metadata within max.block.ms): the rest would wait as long again.
                break;
            }
        }
        try {
            p.flush();
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            abandonUndelivered();
            throw failure("interrupted while flushing", e);
        }
        int failedRecords = batch.size() - countSkipped(batch) - frames.size();
        List<Long> delivered = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Throwable cause = failed(futures.get(i));
            if (cause == null) {
                delivered.add(frames.get(i).seq());
            } else {
                failedRecords++;
                if (error == null) {
                    error = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                }
            }
        }
        if (failedRecords > 0) {
            deliveredOfFailedBatch.addAll(delivered);
            failing = true;
            throw new TransportException("kafka: " + failedRecords + " of " + batch.size() + " frames not acknowledged"
                    + " by " + settings.endpoint() + " (topic " + settings.topic() + "): " + error);
        }
        deliveredOfFailedBatch.clear();
        if (failing) {
            failing = false;
            return SendReport.NEW_CONNECTION; // the cluster is back: the worker makes the next frame a keyframe
        }
        return SendReport.SAME_CONNECTION;
    }

    private int countSkipped(FrameBatch batch) {
        int skipped = 0;
        for (EncodedFrame frame : batch.frames()) {
            if (deliveredOfFailedBatch.contains(frame.seq())) {
                skipped++;
            }
        }
        return skipped;
    }

    private ProducerRecord<byte[], byte[]> record(EncodedFrame frame) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_SCHEMA_VERSION, SCHEMA_VERSION);
        headers.add(HEADER_PAYLOAD_TYPE, frame.kind().wireName().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_SEQ, Long.toString(frame.seq()).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(settings.topic(), null, key, frame.bytes(), headers);
    }

    /** The cause of a completed future's failure, or null when it succeeded. */
    private static Throwable failed(Future<RecordMetadata> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /**
     * The worker gave up on this batch (its stop deadline interrupted the send) and counts it as dropped: abort what
     * the producer still holds instead of letting a later flush or close deliver it, so that frames counted as dropped
     * are, as far as the client can tell, not delivered too. A request already on the wire may still land; its fate is
     * unknown to the client.
     */
    private void abandonUndelivered() {
        if (producer != null) {
            // Close with the interrupt flag clear (a forced close still joins the client's I/O thread, briefly),
            // then restore it for the worker.
            boolean interrupted = Thread.interrupted();
            try {
                producer.close(Duration.ZERO);
            } catch (KafkaException e) {
                logger.log(Level.DEBUG, "kafka: aborting the producer failed: " + e.getMessage());
            } finally {
                producer = null;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private Producer<byte[], byte[]> producer() throws TransportException {
        if (closed) {
            throw new TransportException("kafka transport is closed");
        }
        if (producer == null) {
            Map<String, Object> config = settings.producerConfig();
            try {
                producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            } catch (KafkaException e) {
                throw failure("cannot create the producer", e);
            }
        }
        return producer;
    }

    private TransportException failure(String what, Throwable cause) {
        Throwable root = cause.getCause() != null ? cause.getCause() : cause;
        return new TransportException("kafka: " + what + " for " + settings.endpoint() + " (topic "
                + settings.topic() + "): " + cause.getMessage()
                + (root != cause && root.getMessage() != null ? ": " + root.getMessage() : ""), cause);
    }

    @Override
    public void flush() throws TransportException {
        if (producer != null && !closed) {
            try {
                producer.flush();
            } catch (InterruptException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while flushing", e);
            }
        }
    }

    @Override
    public void close() throws TransportException {
        if (closed) {
            return;
        }
        closed = true;
        if (producer != null) {
            try {
                producer.close(CLOSE_TIMEOUT);
            } catch (KafkaException e) {
                throw failure("close failed", e);
            } finally {
                producer = null;
            }
        }
    }

    /** The record key: the run id. */
    String runId() {
        return settings.runId();
    }
}
