package org.townlet.telemetry.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void hostAndPortParse() {
        Endpoint endpoint = Endpoint.parse("telemetry.example.com:9000");

        assertThat(endpoint).isEqualTo(new Endpoint("telemetry.example.com", 9000));
        assertThat(endpoint).hasToString("telemetry.example.com:9000");
        assertThat(endpoint.isAddressLiteral()).isFalse();
    }

    @Test
    void ipv6EndpointParses() {
        Endpoint loopback = Endpoint.parse("[::1]:9000");
        Endpoint remote = Endpoint.parse("[2001:db8::17]:443");

        assertThat(loopback).isEqualTo(new Endpoint("::1", 9000));
        assertThat(loopback).hasToString("[::1]:9000");
        assertThat(loopback.isLoopback()).isTrue();
        assertThat(loopback.isAddressLiteral()).isTrue();
        assertThat(remote).isEqualTo(new Endpoint("2001:db8::17", 443));
        assertThat(remote).hasToString("[2001:db8::17]:443");
        assertThat(remote.isLoopback()).isFalse();
        assertThat(Endpoint.parse("[0:0:0:0:0:0:0:1]:1").isLoopback()).isTrue();
    }

    @Test
    void unbracketedIpv6IsRejectedWithAHint() {
        assertThatThrownBy(() -> Endpoint.parse("::1:9000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint: an IPv6 address must be written in brackets, e.g. [::1]:9000; got ::1:9000");
        assertThatThrownBy(() -> Endpoint.parse("2001:db8::17:443"))
                .hasMessage("endpoint: an IPv6 address must be written in brackets, e.g. [2001:db8::17]:443; "
                        + "got 2001:db8::17:443");
    }

    @Test
    void malformedEndpointRejected() {
        assertThatThrownBy(() -> Endpoint.parse("127.0.0.1:99999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint: port must be 1–65535; got 127.0.0.1:99999");
        assertThatThrownBy(() -> Endpoint.parse("127.0.0.1:0"))
                .hasMessage("endpoint: port must be 1–65535; got 127.0.0.1:0");
        assertThatThrownBy(() -> Endpoint.parse("localhost:http"))
                .hasMessage("endpoint: port must be 1–65535; got localhost:http");
        assertThatThrownBy(() -> Endpoint.parse("localhost:"))
                .hasMessage("endpoint: port must be 1–65535; got localhost:");
        assertThatThrownBy(() -> Endpoint.parse("localhost:-1"))
                .hasMessage("endpoint: port must be 1–65535; got localhost:-1");
        assertThatThrownBy(() -> Endpoint.parse("localhost"))
                .hasMessage("endpoint: expected host:port or [ipv6]:port; got localhost");
        assertThatThrownBy(() -> Endpoint.parse(":9000"))
                .hasMessage("endpoint: host must not be empty; got :9000");
        assertThatThrownBy(() -> Endpoint.parse("[]:9000"))
                .hasMessage("endpoint: host must not be empty; got []:9000");
        assertThatThrownBy(() -> Endpoint.parse("[::1:9000"))
                .hasMessage("endpoint: missing ']' after the IPv6 address; got [::1:9000");
        assertThatThrownBy(() -> Endpoint.parse("[::1]9000"))
                .hasMessage("endpoint: expected [ipv6]:port; got [::1]9000");
        assertThatThrownBy(() -> Endpoint.parse("[example.com]:9000"))
                .hasMessage("endpoint: not an IPv6 address inside brackets; got [example.com]:9000");
        assertThatThrownBy(() -> Endpoint.parse("[12345::1]:9000"))
                .hasMessage("endpoint: not an IPv6 address inside brackets; got [12345::1]:9000");
        assertThatThrownBy(() -> Endpoint.parse("local host:9000"))
                .hasMessage("endpoint: must not contain spaces; got local host:9000");
        assertThatThrownBy(() -> Endpoint.parse("http://host:9000"))
                .hasMessage("endpoint: expected host:port, not a URL; got http://host:9000");
        assertThatThrownBy(() -> Endpoint.parse(""))
                .hasMessage("endpoint must not be blank");
        assertThatThrownBy(() -> Endpoint.parse(null))
                .hasMessage("endpoint is required");
    }

    @Test
    void loopbackIsDecidedByLiteralOnly() {
        assertThat(Endpoint.parse("localhost:1").isLoopback()).isTrue();
        assertThat(Endpoint.parse("LOCALHOST:1").isLoopback()).isTrue();
        assertThat(Endpoint.parse("127.0.0.1:1").isLoopback()).isTrue();
        assertThat(Endpoint.parse("127.255.3.4:1").isLoopback()).isTrue();
        assertThat(Endpoint.parse("[::1]:1").isLoopback()).isTrue();
        assertThat(Endpoint.parse("128.0.0.1:1").isLoopback()).isFalse();
        assertThat(Endpoint.parse("127.0.0.256:1").isLoopback()).isFalse();
        assertThat(Endpoint.parse("127.example.com:1").isLoopback()).isFalse();
        assertThat(Endpoint.parse("localhost.example.com:1").isLoopback()).isFalse();
        assertThat(Endpoint.parse("example.com:9000").isLoopback()).isFalse();
        assertThat(Endpoint.parse("10.0.0.1:1").isLoopback()).isFalse();
    }
}
