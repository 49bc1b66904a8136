package org.townlet.telemetry.adapter.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportException;
import org.townlet.telemetry.testing.TestTransportContexts;

class FileTransportTest {
    private static final System.Logger LOGGER = System.getLogger(FileTransportTest.class.getName());

    @TempDir
    Path dir;

    @Test
    void fileAppendsExactBytes() throws Exception {
        Path file = dir.resolve("telemetry.ndjson");
        Transport transport = create(FileSettings.of(file.toString()));
        transport.start();

        SendReport first = transport.send(FrameBatch.of(frame(0, "payload-1\n")));
        SendReport second = transport.send(FrameBatch.of(frame(1, "payload-2\n")));
        transport.close();

        assertThat(Files.readString(file)).isEqualTo("payload-1\npayload-2\n");
        assertThat(first).isEqualTo(SendReport.SAME_CONNECTION);
        assertThat(second).isEqualTo(SendReport.SAME_CONNECTION);
    }

    @Test
    void framesOfOneBatchAreWrittenUnchangedAndInOrder() throws Exception {
        Path file = dir.resolve("telemetry.ndjson");
        Transport transport = create(FileSettings.of(file.toString()));
        transport.start();
        byte[] nonAscii = "{\"name\":\"Zoë 🏠\"}\n".getBytes(StandardCharsets.UTF_8);

        transport.send(FrameBatch.of(frame(0, "a\n"), new EncodedFrame(1, 2, FrameKind.DIFF, nonAscii),
                frame(2, "c\n")));
        transport.close();

        assertThat(Files.readString(file)).isEqualTo("a\n{\"name\":\"Zoë 🏠\"}\nc\n");
    }

    @Test
    void appendsToAnExistingFile() throws Exception {
        Path file = dir.resolve("telemetry.ndjson");
        Files.writeString(file, "earlier\n");
        Transport transport = create(FileSettings.of(file.toString()));
        transport.start();

        transport.send(FrameBatch.of(frame(0, "later\n")));
        transport.close();

        assertThat(Files.readString(file)).isEqualTo("earlier\nlater\n");
    }

    @Test
    void createsParentDirectoriesAtStart() throws Exception {
        Path file = dir.resolve("a/b/c/telemetry.ndjson");
        Transport transport = create(FileSettings.of(file.toString()));
        assertThat(dir.resolve("a")).doesNotExist();

        transport.start();
        transport.send(FrameBatch.of(frame(0, "x\n")));
        transport.close();

        assertThat(Files.readString(file)).isEqualTo("x\n");
    }

    @Test
    void createOpensNothing() {
        Path file = dir.resolve("sub/telemetry.ndjson");

        create(FileSettings.of(file.toString()));

        assertThat(dir.resolve("sub")).doesNotExist();
    }

    @Test
    void fsyncStillWritesExactBytes() throws Exception {
        Path file = dir.resolve("telemetry.ndjson");
        Transport transport = create(new FileSettings(file.toString(), new FileSettings.FileOptions(0, 5, true)));
        transport.start();

        transport.send(FrameBatch.of(frame(0, "payload-1\n")));
        transport.send(FrameBatch.of(frame(1, "payload-2\n")));
        transport.close();

        assertThat(Files.readString(file)).isEqualTo("payload-1\npayload-2\n");
    }

    @Test
    void rotationKeepsRotateKeepFilesAndReportsNewConnection() throws Exception {
        Path file = dir.resolve("telemetry.ndjson");
        // 10-byte frames, at most 25 bytes a file: two frames fit, the third rotates.
        FileTransport transport = new FileTransport(file, 25, 2, false, LOGGER);
        transport.start();

        SendReport[] reports = new SendReport[8];
        for (int i = 0; i < reports.length; i++) {
            reports[i] = transport.send(FrameBatch.of(frame(i, "frame-%03d\n".formatted(i))));
        }
        transport.close();

        assertThat(reports).containsExactly(SendReport.SAME_CONNECTION, SendReport.SAME_CONNECTION,
                SendReport.NEW_CONNECTION, SendReport.SAME_CONNECTION,
                SendReport.NEW_CONNECTION, SendReport.SAME_CONNECTION,
                SendReport.NEW_CONNECTION, SendReport.SAME_CONNECTION);
        assertThat(Files.readString(file)).isEqualTo("frame-006\nframe-007\n");
        assertThat(Files.readString(dir.resolve("telemetry.ndjson.1"))).isEqualTo("frame-004\nframe-005\n");
        assertThat(Files.readString(dir.resolve("telemetry.ndjson.2"))).isEqualTo("frame-002\nframe-003\n");
        assertThat(dir.resolve("telemetry.ndjson.3")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("telemetry.ndjson", "telemetry.ndjson.1", "telemetry.ndjson.2");
        }
    }

    @Test
    void fileRotationAtConfiguredSizeStartsNewFile() throws Exception {
        Path file = dir.resolve("telemetry.ndjson");
        long limit = FileSettings.FileOptions.MIN_ROTATE_MAX_BYTES;
        Transport transport = create(new FileSettings(file.toString(),
                new FileSettings.FileOptions(limit, 1, false)));
        transport.start();
        byte[] big = new byte[(int) (limit / 2)];
        Arrays.fill(big, (byte) 'x');
        big[big.length - 1] = '\n';

        SendReport first = transport.send(FrameBatch.of(new EncodedFrame(0, 1, FrameKind.SNAPSHOT, big)));
        SendReport second = transport.send(FrameBatch.of(new EncodedFrame(1, 2, FrameKind.DIFF, big)));
        SendReport third = transport.send(FrameBatch.of(frame(2, "tail\n")));
        transport.close();

        assertThat(first).isEqualTo(SendReport.SAME_CONNECTION);
        assertThat(second).isEqualTo(SendReport.SAME_CONNECTION);
        assertThat(third).isEqualTo(SendReport.NEW_CONNECTION);
        assertThat(Files.size(dir.resolve("telemetry.ndjson.1"))).isEqualTo(limit);
        assertThat(Files.readString(file)).isEqualTo("tail\n");
    }

    @Test
    void anExistingFileNearTheLimitRotatesBeforeTheFirstBatch() throws Exception {
        Path file = dir.resolve("telemetry.ndjson");
        Files.writeString(file, "old-frame\n");
        FileTransport transport = new FileTransport(file, 15, 5, false, LOGGER);
        transport.start();

        SendReport report = transport.send(FrameBatch.of(frame(0, "new-frame\n")));
        transport.close();

        assertThat(report).isEqualTo(SendReport.NEW_CONNECTION);
        assertThat(Files.readString(dir.resolve("telemetry.ndjson.1"))).isEqualTo("old-frame\n");
        assertThat(Files.readString(file)).isEqualTo("new-frame\n");
    }

    @Test
    void batchLargerThanTheLimitGoesWholeIntoAFreshFile() throws Exception {
        Path file = dir.resolve("telemetry.ndjson");
        FileTransport transport = new FileTransport(file, 15, 5, false, LOGGER);
        transport.start();

        SendReport first = transport.send(FrameBatch.of(frame(0, "a-rather-long-frame\n")));
        SendReport second = transport.send(FrameBatch.of(frame(1, "short\n")));
        transport.close();

        assertThat(first).isEqualTo(SendReport.SAME_CONNECTION);
        assertThat(second).isEqualTo(SendReport.NEW_CONNECTION);
        assertThat(Files.readString(dir.resolve("telemetry.ndjson.1"))).isEqualTo("a-rather-long-frame\n");
        assertThat(Files.readString(file)).isEqualTo("short\n");
    }

    @Test
    void closeIsIdempotentAndLaterSendsFail() throws Exception {
        Path file = dir.resolve("telemetry.ndjson");
        Transport transport = create(FileSettings.of(file.toString()));
        transport.start();

        transport.close();
        transport.close();

        assertThatThrownBy(() -> transport.send(FrameBatch.of(frame(0, "x\n"))))
                .isInstanceOf(TransportException.class)
                .hasMessage("Telemetry file " + file + " is closed");
    }

    @Test
    void unopenableFileFailsWithPathAndReason() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "");
        Path file = blocker.resolve("telemetry.ndjson");
        Transport transport = create(FileSettings.of(file.toString()));

        assertThatThrownBy(transport::start)
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Failed to open telemetry file " + file + ": ");
        assertThatThrownBy(() -> transport.send(FrameBatch.of(frame(0, "x\n"))))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Failed to write telemetry file " + file + ": ");
    }

    private static Transport create(FileSettings settings) {
        return new FileTransportFactory().create(settings, TestTransportContexts.create());
    }

    private static EncodedFrame frame(long seq, String text) {
        return new EncodedFrame(seq, seq + 1, seq == 0 ? FrameKind.SNAPSHOT : FrameKind.DIFF,
                text.getBytes(StandardCharsets.UTF_8));
    }
}
