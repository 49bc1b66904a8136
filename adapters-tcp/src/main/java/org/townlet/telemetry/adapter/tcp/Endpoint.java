package org.townlet.telemetry.adapter.tcp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A tcp endpoint (SPEC §12.3): {@code host:port}, or {@code [ipv6]:port} for an IPv6 literal. Parsing resolves no
 * name: a bracketed IPv6 literal is only parsed, and a host name is kept as written, so it is looked up again on each
 * connect. Immutable.
 *
 * @param host the host name or address literal, without brackets; non-empty
 * @param port the port, 1–65535
 */
public record Endpoint(String host, int port) {
    /** The smallest port. */
    public static final int MIN_PORT = 1;
    /** The largest port. */
    public static final int MAX_PORT = 65_535;

    /** Validates the host and the port. */
    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("endpoint: host must not be empty; got " + host + ":" + port);
        }
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException("endpoint: port must be 1–65535; got " + format(host, port));
        }
    }

    /**
     * Parses {@code host:port} or {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException naming {@code endpoint}, the problem and the value, e.g. {@code endpoint: port
     *                                  must be 1–65535; got 127.0.0.1:99999}
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Endpoint parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("endpoint is required");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("endpoint must not be blank");
        }
        if (!text.strip().equals(text) || text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("endpoint: must not contain spaces; got " + text);
        }
        if (text.contains("://")) {
            throw new IllegalArgumentException("endpoint: expected host:port, not a URL; got " + text);
        }
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("endpoint: missing ']' after the IPv6 address; got " + text);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("endpoint: expected [ipv6]:port; got " + text);
            }
            portText = rest.substring(1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("endpoint: host must not be empty; got " + text);
            }
            if (parseIpv6(host) == null) {
                throw new IllegalArgumentException("endpoint: not an IPv6 address inside brackets; got " + text);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("endpoint: expected host:port or [ipv6]:port; got " + text);
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("endpoint: an IPv6 address must be written in brackets, e.g. ["
                        + host + "]:" + portText + "; got " + text);
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("endpoint: host must not be empty; got " + text);
            }
            if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0 || host.indexOf('/') >= 0) {
                throw new IllegalArgumentException("endpoint: host must be a name or an address; got " + text);
            }
        }
        return new Endpoint(host, parsePort(portText, text));
    }

    /**
     * Whether the host is a loopback host by its literal text (SPEC §12.3): {@code localhost}, an IPv4 address in
     * {@code 127.0.0.0/8} or the IPv6 loopback {@code ::1}. Resolves nothing.
     */
    public boolean isLoopback() {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        int[] ipv4 = parseIpv4(host);
        if (ipv4 != null) {
            return ipv4[0] == 127;
        }
        if (host.indexOf(':') >= 0) {
            InetAddress address = parseIpv6(host);
            return address != null && address.isLoopbackAddress();
        }
        return false;
    }

    /** Whether the host is an IPv4 or IPv6 address literal rather than a name (no SNI is sent for a literal). */
    public boolean isAddressLiteral() {
        return parseIpv4(host) != null || host.indexOf(':') >= 0;
    }

    /** {@code host:port}, or {@code [host]:port} for an IPv6 literal: the text {@link #parse} reads. */
    @JsonValue
    @Override
    public String toString() {
        return format(host, port);
    }

    private static String format(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static int parsePort(String portText, String text) {
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("endpoint: port must be 1–65535; got " + text);
        }
        int port = Integer.parseInt(portText);
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException("endpoint: port must be 1–65535; got " + text);
        }
        return port;
    }

    /** The four octets of a strict dotted-quad IPv4 literal, or null when {@code text} is not one. */
    private static int[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            octets[i] = Integer.parseInt(part);
            if (octets[i] > 255) {
                return null;
            }
        }
        return octets;
    }

    /**
     * Parses an IPv6 literal (optionally with a {@code %zone}) without any lookup, or returns null. The JDK never
     * consults a name service for a bracketed literal: text that is not an IPv6 address fails at once.
     */
    private static InetAddress parseIpv6(String text) {
        int zone = text.indexOf('%');
        String address = zone < 0 ? text : text.substring(0, zone);
        if (address.indexOf(':') < 0
                || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return null;
        }
        try {
            return InetAddress.getByName("[" + text + "]");
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
