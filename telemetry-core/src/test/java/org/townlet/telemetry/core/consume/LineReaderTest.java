package org.townlet.telemetry.core.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> readAll(LineReader reader) throws Exception {
        List<String> lines = new ArrayList<>();
        LineReader.Line line;
        while ((line = reader.next()) != null) {
            lines.add(line instanceof LineReader.Line.Complete complete
                    ? new String(complete.bytes(), StandardCharsets.UTF_8)
                    : "<oversize " + line.length() + ">");
        }
        return lines;
    }

    @Test
    void splitsLinesAtNewlinesAndKeepsALastLineWithoutOne() throws Exception {
        LineReader reader = new LineReader(stream("a\n{\"zoë\":1}\n\nlast"), 100);

        assertThat(readAll(reader)).containsExactly("a", "{\"zoë\":1}", "", "last");
        assertThat(reader.next()).isNull();
    }

    @Test
    void oversizeLinesAreSkippedToTheirNewlineAndReportedWithTheirLength() throws Exception {
        String longLine = "x".repeat(LineReader.CHUNK_BYTES * 3 + 17);
        LineReader reader = new LineReader(stream("short\n" + longLine + "\n" + "y".repeat(11) + "\nafter\n"), 10);

        assertThat(readAll(reader)).containsExactly("short", "<oversize " + longLine.length() + ">",
                "<oversize 11>", "after");
    }

    @Test
    void aLineOfExactlyTheLimitIsKept() throws Exception {
        LineReader reader = new LineReader(stream("1234567890\n12345678901\n"), 10);

        assertThat(readAll(reader)).containsExactly("1234567890", "<oversize 11>");
    }

    @Test
    void aHugeLineIsSkippedWithoutBeingBuffered() throws Exception {
        long huge = 512L * 1024 * 1024; // far more than the test JVM would like to hold in one array
        InputStream endless = new InputStream() {
            private long left = huge;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        LineReader reader = new LineReader(new SequenceInputStream(endless, stream("\n{}\n")), 1024);

        assertThat(readAll(reader)).containsExactly("<oversize " + huge + ">", "{}");
    }

    @Test
    void lineBufferedTellsWhetherTheNextLineNeedsARead() throws Exception {
        LineReader reader = new LineReader(stream("a\nb\npartial"), 100);

        reader.next();
        assertThat(reader.lineBuffered()).isTrue();
        reader.next();
        assertThat(reader.lineBuffered()).as("only a partial line is left").isFalse();
    }

    @Test
    void rejectsLimitsOutOfRange() {
        assertThatThrownBy(() -> new LineReader(stream(""), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLineBytes must be between 1 and ");
    }
}
