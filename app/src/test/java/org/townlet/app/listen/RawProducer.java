package org.townlet.app.listen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A hand-driven producer for listener tests: writes lines to 127.0.0.1 and reads what comes back. */
final class RawProducer implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawProducer(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    static RawProducer connect(int port) throws IOException {
        return new RawProducer(new Socket(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), port));
    }

    /** Writes each line followed by a newline, in one write. */
    RawProducer send(String... lines) throws IOException {
        return send(List.of(lines));
    }

    RawProducer send(List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** The next line sent back, without its newline; null at the end of the connection. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** Reads until the listener closes the connection; returns everything that came back. */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Tells the listener this producer is done writing. */
    void finishWriting() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static String snapshot(long seq, long tick) {
        return "{\"schema_version\":\"0.9.9\",\"payload_type\":\"snapshot\",\"seq\":" + seq + ",\"tick\":" + tick
                + ",\"employment\":{},\"jobs\":{},\"conflict\":{},\"economy\":{\"tick\":" + tick + "}}";
    }

    static String diff(long seq, long tick) {
        return "{\"schema_version\":\"0.9.9\",\"payload_type\":\"diff\",\"seq\":" + seq + ",\"tick\":" + tick
                + ",\"changes\":{\"economy\":{\"tick\":" + tick + "}}}";
    }
}
