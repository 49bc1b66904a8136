package org.townlet.telemetry.adapter.stdout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportException;
import org.townlet.telemetry.api.transport.TransportFactory;
import org.townlet.telemetry.testing.TestTransportContexts;

class StdoutTransportTest {

    @Test
    void stdoutWritesExactBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Transport transport = create(out);
        transport.start();

        SendReport report = transport.send(FrameBatch.of(frame(0, "hello\n")));

        assertThat(out.toByteArray()).isEqualTo("hello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(report).isEqualTo(SendReport.SAME_CONNECTION);
    }

    @Test
    void batchesAreWrittenInOrderOneWriteAndOneFlushEach() throws Exception {
        RecordingStream out = new RecordingStream();
        Transport transport = create(out);
        transport.start();

        transport.send(FrameBatch.of(frame(0, "{\"seq\":0}\n"), frame(1, "{\"seq\":1}\n")));
        transport.send(FrameBatch.of(frame(2, "{\"seq\":2}\n")));
        transport.send(FrameBatch.of(frame(3, "{\"seq\":3}\n"), frame(4, "{\"seq\":4}\n")));

        assertThat(out.writes).containsExactly(
                "{\"seq\":0}\n{\"seq\":1}\n",
                "{\"seq\":2}\n",
                "{\"seq\":3}\n{\"seq\":4}\n");
        assertThat(out.flushes).isEqualTo(3);
    }

    @Test
    void frameLargerThanTheBufferIsWrittenFromItsOwnArrayInOrder() throws Exception {
        RecordingStream out = new RecordingStream();
        Transport transport = create(out);
        transport.start();
        String big = "x".repeat(StdoutTransport.BUFFER_SIZE * 2) + "\n";

        transport.send(FrameBatch.of(frame(0, "{\"seq\":0}\n"), frame(1, big), frame(2, "{\"seq\":2}\n"),
                frame(3, "{\"seq\":3}\n")));

        // the small frames before it leave first, the big one alone, never a copy of the whole batch
        assertThat(out.writes).containsExactly("{\"seq\":0}\n", big, "{\"seq\":2}\n{\"seq\":3}\n");
        assertThat(out.flushes).isEqualTo(1);
    }

    @Test
    void nonAsciiBytesPassUnchanged() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Transport transport = create(out);
        transport.start();
        byte[] bytes = "{\"name\":\"Zoë 🏠\"}\n".getBytes(StandardCharsets.UTF_8);

        transport.send(FrameBatch.of(new EncodedFrame(0, 1, FrameKind.SNAPSHOT, bytes)));

        assertThat(out.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void closeFlushesButNeverClosesTheStream() throws Exception {
        RecordingStream out = new RecordingStream();
        Transport transport = create(out);
        transport.start();
        transport.send(FrameBatch.of(frame(0, "a\n")));

        transport.close();
        transport.close();

        assertThat(out.closed).isFalse();
        assertThat(out.flushes).isGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> transport.send(FrameBatch.of(frame(1, "b\n"))))
                .isInstanceOf(TransportException.class)
                .hasMessage("Telemetry stdout transport is closed");
    }

    @Test
    void writeFailureBecomesTransportException() throws Exception {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        Transport transport = create(broken);
        transport.start();

        assertThatThrownBy(() -> transport.send(FrameBatch.of(frame(0, "a\n"))))
                .isInstanceOf(TransportException.class)
                .hasMessage("Failed to write telemetry to stdout: Broken pipe");
    }

    @Test
    void failedBatchIsNotWrittenTwiceOnRetry() throws Exception {
        RecordingStream out = new RecordingStream();
        out.failNextWrites = 1;
        Transport transport = create(out);
        transport.start();
        FrameBatch batch = FrameBatch.of(frame(0, "a\n"));

        assertThatThrownBy(() -> transport.send(batch)).isInstanceOf(TransportException.class);
        transport.send(batch);

        assertThat(out.writes).containsExactly("a\n");
    }

    @Test
    void sendBeforeStartIsAProgrammingError() {
        Transport transport = create(new ByteArrayOutputStream());

        assertThatThrownBy(() -> transport.send(FrameBatch.of(frame(0, "a\n"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("stdout transport used before start()");
    }

    @Test
    void factoryIsInstalledAsStdout() {
        List<String> names = new ArrayList<>();
        for (TransportFactory<?> factory : ServiceLoader.load(TransportFactory.class)) {
            names.add(factory.name());
        }

        assertThat(names).contains("stdout");
        assertThat(new StdoutTransportFactory().settingsType()).isEqualTo(StdoutSettings.class);
    }

    @Test
    void settingsBindFromEmptyObjectAndRejectUnknownKeys() throws Exception {
        ObjectMapper mapper = new ObjectMapper();

        assertThat(mapper.readValue("{}", StdoutSettings.class)).isEqualTo(new StdoutSettings());
        assertThatThrownBy(() -> mapper.readValue("{\"buffer\":1}", StdoutSettings.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("buffer");
    }

    @Test
    void createOpensNothingUntilStart() throws Exception {
        int[] opened = {0};
        StdoutTransportFactory factory = new StdoutTransportFactory(() -> {
            opened[0]++;
            return new ByteArrayOutputStream();
        });

        Transport transport = factory.create(new StdoutSettings(), TestTransportContexts.create());
        assertThat(opened[0]).isZero();

        transport.start();
        assertThat(opened[0]).isEqualTo(1);
    }

    private static Transport create(OutputStream out) {
        return StdoutTransportFactory.writingTo(out).create(new StdoutSettings(), TestTransportContexts.create());
    }

    private static EncodedFrame frame(long seq, String text) {
        return new EncodedFrame(seq, seq + 1, seq == 0 ? FrameKind.SNAPSHOT : FrameKind.DIFF,
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** Records each write call as one string, and counts flushes and closes. */
    private static final class RecordingStream extends OutputStream {
        final List<String> writes = new ArrayList<>();
        int flushes;
        int failNextWrites;
        boolean closed;

        @Override
        public void write(int b) {
            writes.add(String.valueOf((char) b));
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failNextWrites > 0) {
                failNextWrites--;
                throw new IOException("Broken pipe");
            }
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
