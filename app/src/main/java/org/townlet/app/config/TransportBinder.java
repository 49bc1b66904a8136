package org.townlet.app.config;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.townlet.app.config.ConfigNode.MapNode;
import org.townlet.app.config.ConfigNode.Member;
import org.townlet.telemetry.adapter.tcp.TcpSettings;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * Binds {@code telemetry.transport} (SPEC §12, §15.1, §16): the first-party keys with their bounds and the rules of
 * which transport takes which key; {@code type} against the installed transports; then the chosen factory's settings
 * record, from the first-party keys it declares as properties and from its own block
 * {@code telemetry.transport.<type>}. A check the settings record makes itself (an endpoint's port, plaintext to a
 * remote host, a plugin's own rules) is reported at the key it names.
 */
final class TransportBinder {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final String ENDPOINT_ALLOWED = "host:port or [ipv6]:port, port 1–65535";

    private final Section t;
    private final Map<String, TransportFactory<?>> installed;
    private final Problems problems;

    TransportBinder(Section t, Map<String, TransportFactory<?>> installed, Problems problems) {
        this.t = t;
        this.installed = installed;
        this.problems = problems;
    }

    TransportConfig bind() {
        String type = t.text("type", TransportConfig.DEFAULT_TYPE, "stdout, file, tcp, none, or any installed "
                + "transport (a plugin's name)", "the transport that carries the frames; none = the stub sink");
        String endpoint = t.text("endpoint", null, "tcp: required, " + ENDPOINT_ALLOWED + "; a plugin may accept "
                + "it; otherwise rejected", "where the tcp transport connects");
        String filePath = t.text("file_path", null, "file: required, non-blank, ~ expanded; otherwise rejected",
                "the file the file transport appends to");
        double connect = t.decimal("connect_timeout_seconds", TcpSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS, 0, 60,
                "0 = none", "bound on a connect and TLS handshake");
        double send = t.decimal("send_timeout_seconds", TcpSettings.DEFAULT_SEND_TIMEOUT_SECONDS, 0, 60,
                "0 = none", "bound on one batch's write");
        Boolean enableTls = t.optionalBool("enable_tls", "null",
                "null: TLS, except plaintext to a loopback host without ca_file/cert_file; tcp only (an explicit true "
                        + "elsewhere is rejected); false to a remote host needs allow_plaintext", "use TLS (tcp)");
        boolean verify = t.bool("verify_hostname", TcpSettings.DEFAULT_VERIFY_HOSTNAME,
                "check that the server certificate names the host (the chain is verified regardless)");
        String ca = t.text("ca_file", null, "tcp with TLS only; a readable PEM file",
                "certificates trusted in addition to the JDK's trust store");
        String cert = t.text("cert_file", null, "tcp with TLS only; a readable PEM file; together with key_file",
                "client certificate chain for mutual TLS");
        String key = t.text("key_file", null, "tcp with TLS only; a readable unencrypted PKCS#8 PEM file; together "
                + "with cert_file", "private key of cert_file");
        boolean allowPlaintext = t.bool("allow_plaintext", false, "tcp only",
                "with enable_tls: false, allow plaintext to a host that is not loopback");
        boolean devAllowPlaintext = t.bool("dev_allow_plaintext", false, "tcp only; deprecated",
                "deprecated alias of allow_plaintext");
        String websocketUrl = t.text("websocket_url", null, "websocket only (later): required there, ws:// or "
                + "wss://", "where the websocket transport connects");
        Section retryBlock = t.block("retry", "retries of a failed batch (the worker) and reconnect backoff (tcp)");
        RetryConfig retry = bindRetry(retryBlock);
        Section bufferBlock = t.block("buffer", "the worker's bounded buffer and batching");
        BufferConfig buffer = bindBuffer(bufferBlock);
        double poll = t.decimal("worker_poll_seconds", RetryConfig.seconds(org.townlet.telemetry.core.worker.WorkerSettings.DEFAULT_POLL_INTERVAL), 0.01, 10, "",
                "longest the worker waits before flushing what is buffered");
        boolean ack = t.bool("ack", false, "tcp only", "acknowledged delivery with replay (SPEC §12.3.1)");
        Section fileBlock = t.block("file", "the file transport's rotation and fsync; file only");
        FileConfig file = bindFile(fileBlock);
        Section http = t.block("http", "the http transport (later); http only");
        Map<String, String> headers = http.textMap("headers", "http only", "extra request headers");
        http.finish();
        Section prometheus = t.block("prometheus", "the prometheus textfile transport (later); prometheus only");
        long minInterval = prometheus.integer("min_interval_ms", 1000, 100, 60_000, "prometheus only",
                "least time between two rewrites of the file");
        prometheus.finish();
        Set<String> ownBlocks = ownBlockNames();
        t.document("<type>", "block", "{}", "the own block of an installed transport not listed here (a "
                + "plugin's, named as its type); unknown keys rejected there", "settings bound onto that transport "
                + "factory's settings record");
        t.finish(ownBlocks);

        Object settings = null;
        boolean typeKnown = checkType(type);
        if (typeKnown) {
            int before = problems.count();
            checkKeysFor(type, enableTls, allowPlaintext, devAllowPlaintext, ack);
            checkFiles(type);
            // Binding after a missing or misplaced key would only repeat the error in the record's words.
            if (!TransportConfig.NONE.equals(type) && problems.count() == before) {
                settings = bindSettings(type, ownBlocks, retryBlock, fileBlock);
            }
        }
        if (settings instanceof TcpSettings tcp) {
            t.effective().put("enable_tls", tcp.useTls());
        }
        if (problems.count() > 0) {
            return null;
        }
        return new TransportConfig(type, endpoint, filePath, connect, send, enableTls, verify, ca, cert, key,
                allowPlaintext, devAllowPlaintext, websocketUrl, retry, buffer, poll, ack, file, headers,
                minInterval, settings);
    }

    // ------------------------------------------------------------------------------------------------ blocks

    private static RetryConfig bindRetry(Section r) {
        RetryConfig d = RetryConfig.DEFAULTS;
        long attempts = r.integer("max_attempts", d.maxAttempts(), 0, RetryConfig.MAX_ATTEMPTS, "",
                "retries of a batch after its first try");
        double backoff = r.decimal("backoff_seconds", d.backoffSeconds(), 0, RetryConfig.MAX_BACKOFF_SECONDS, "",
                "delay before the first retry or reconnect, doubling after each (jittered)");
        double backoffMax = r.decimal("backoff_max_seconds", d.backoffMaxSeconds(), 0,
                RetryConfig.MAX_BACKOFF_MAX_SECONDS, "≥ backoff_seconds", "cap of the doubling delay");
        r.finish();
        if (backoffMax < backoff) {
            String at = r.given("backoff_max_seconds") ? "backoff_max_seconds" : "backoff_seconds";
            r.error(at, r.keyPath("backoff_max_seconds") + " must be >= backoff_seconds (" + Section.number(backoff)
                    + ")", Section.number(backoffMax), "backoff_seconds–" + Section.number(RetryConfig.MAX_BACKOFF_MAX_SECONDS));
            return d;
        }
        return new RetryConfig((int) attempts, backoff, backoffMax);
    }

    private static BufferConfig bindBuffer(Section b) {
        BufferConfig d = BufferConfig.DEFAULTS;
        long batch = b.integer("max_batch_size", d.maxBatchSize(), 1, BufferConfig.MAX_BATCH_SIZE, "",
                "most frames per batch (one send to the transport)");
        long bytes = b.integer("max_buffer_bytes", d.maxBufferBytes(), BufferConfig.MIN_BUFFER_BYTES,
                BufferConfig.MAX_BUFFER_BYTES, "", "byte capacity of the buffer; beyond it the backpressure "
                        + "strategy decides");
        long frames = b.integer("max_buffer_frames", d.maxBufferFrames(), 1, BufferConfig.MAX_BUFFER_FRAMES, "",
                "frame capacity of the buffer");
        long flush = b.integer("flush_interval_ticks", d.flushIntervalTicks(), 1,
                BufferConfig.MAX_FLUSH_INTERVAL_TICKS, "", "flush once this many ticks are buffered");
        b.finish();
        return new BufferConfig((int) batch, bytes, (int) frames, flush);
    }

    private static FileConfig bindFile(Section f) {
        FileConfig d = FileConfig.DEFAULTS;
        long rotate = f.zeroOrInteger("rotate_max_bytes", d.rotateMaxBytes(), FileConfig.MIN_ROTATE_BYTES,
                FileConfig.MAX_ROTATE_BYTES, "0 = never rotate", "rotate before a batch that would exceed this size");
        long keep = f.integer("rotate_keep", d.rotateKeep(), 1, FileConfig.MAX_ROTATE_KEEP, "",
                "rotated files kept (path.1 … path.N)");
        boolean fsync = f.bool("fsync", d.fsync(), "force the data to disk after each batch");
        f.finish();
        return new FileConfig(rotate, (int) keep, fsync);
    }

    // ------------------------------------------------------------------------------------------------ rules

    /** Installed transports whose settings come from {@code telemetry.transport.<name>}. */
    private Set<String> ownBlockNames() {
        Set<String> names = new TreeSet<>();
        for (String name : installed.keySet()) {
            if (!TransportConfig.FIRST_PARTY_TRANSPORTS.contains(name)
                    && !TransportConfig.FIRST_PARTY_KEYS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private Set<String> knownNames() {
        Set<String> names = new TreeSet<>(installed.keySet());
        names.add(TransportConfig.NONE);
        return names;
    }

    private boolean checkType(String type) {
        if (t.given("type") && !t.givenAndValid("type")) {
            return false;
        }
        if (TransportConfig.NONE.equals(type) || installed.containsKey(type)) {
            return true;
        }
        if (ConfigBinder.LATER_TRANSPORTS.contains(type)) {
            t.error("type", "'" + type + "' is not installed in this build; installed: " + knownNames(), null, null);
        } else {
            t.error("type", "Unknown telemetry transport '" + type + "'. Known transports: " + knownNames(), null,
                    null);
        }
        return false;
    }

    private void checkKeysFor(String type, Boolean enableTls, boolean allowPlaintext, boolean devAllowPlaintext,
                              boolean ack) {
        boolean tcp = type.equals("tcp");
        Set<String> properties = properties(type);
        boolean ownBlock = !TransportConfig.FIRST_PARTY_TRANSPORTS.contains(type);
        boolean endpointTaken = tcp || type.equals("kafka") || type.equals("http")
                || ownBlock && properties.contains("endpoint");
        notFor(type, "endpoint", endpointTaken, "transport tcp (or a transport that takes an endpoint)");
        notFor(type, "file_path", type.equals("file") || type.equals("prometheus"), "transport file or prometheus");
        if (Boolean.TRUE.equals(enableTls)) {
            notFor(type, "enable_tls", tcp, "transport tcp");
        }
        for (String key : List.of("ca_file", "cert_file", "key_file")) {
            notFor(type, key, tcp, "transport tcp");
        }
        if (allowPlaintext) {
            notFor(type, "allow_plaintext", tcp, "transport tcp");
        }
        if (devAllowPlaintext) {
            notFor(type, "dev_allow_plaintext", tcp, "transport tcp");
        }
        if (ack) {
            notFor(type, "ack", tcp, "transport tcp");
        }
        notFor(type, "websocket_url", type.equals("websocket"), "transport websocket");
        notFor(type, "file", type.equals("file"), "transport file");
        notFor(type, "http", type.equals("http"), "transport http");
        notFor(type, "prometheus", type.equals("prometheus"), "transport prometheus");
        for (String block : ownBlockNames()) {
            notFor(type, block, type.equals(block), "transport " + block);
        }
        if (tcp) {
            required(type, "endpoint", ENDPOINT_ALLOWED + " (--endpoint)");
        } else if (type.equals("file")) {
            required(type, "file_path", "a non-blank path (--file PATH)");
        } else if (type.equals("websocket")) {
            required(type, "websocket_url", "ws://host:port/path or wss://…");
        }
    }

    private void notFor(String type, String key, boolean taken, String allowed) {
        if (!taken && t.given(key)) {
            t.error(key, "not used by transport '" + type + "'", t.node().member(key).value().describe(),
                    "with " + allowed);
        }
    }

    private void required(String type, String key, String allowed) {
        if (!t.given(key)) {
            Origin at = t.originOf("type");
            problems.add(at, t.keyPath(key), "required for transport '" + type + "'", null, allowed);
        }
    }

    private void checkFiles(String type) {
        if (!type.equals("tcp")) {
            return;
        }
        for (String key : List.of("ca_file", "cert_file", "key_file")) {
            if (t.givenAndValid(key)) {
                String value = ((ConfigNode.ScalarNode) t.member(key).value()).value().toString();
                if (!ConfigBinder.readable(value)) {
                    t.error(key, "not a readable file", value, "a readable PEM file");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ settings

    /** Where each top-level key of the factory's input came from. */
    private record Source(String path, Origin keyOrigin, ConfigNode node) {
    }

    private Object bindSettings(String type, Set<String> ownBlocks, Section retryBlock, Section fileBlock) {
        TransportFactory<?> factory = installed.get(type);
        Set<String> properties = properties(type);
        ObjectNode input = ConfigNode.JSON.objectNode();
        Map<String, Source> sources = new LinkedHashMap<>();
        for (String key : new TreeSet<>(TransportConfig.FIRST_PARTY_KEYS)) {
            if (key.equals("type") || !properties.contains(key) || !t.givenAndValid(key)) {
                continue;
            }
            ConfigNode node = t.member(key).value();
            JsonNode value = switch (key) {
                case "retry" -> retryBlock.effective();
                case "file" -> fileBlock.effective();
                default -> node.toJson();
            };
            input.set(key, value);
            sources.put(key, new Source(t.keyPath(key), t.member(key).keyOrigin(), node));
        }
        String ownPath = t.keyPath(type);
        if (ownBlocks.contains(type) && t.given(type)) {
            ConfigNode own = t.member(type).value();
            if (own instanceof MapNode map) {
                map.members().forEach((name, member) -> {
                    input.set(name, member.value().toJson());
                    sources.put(name, new Source(ownPath + "." + name, member.keyOrigin(), member.value()));
                });
            } else {
                t.error(type, "must be a mapping", own.describe(), "the settings of transport '" + type + "'");
                return null;
            }
        }
        try {
            Object settings = MAPPER.treeToValue(input, factory.settingsType());
            if (settings == null) {
                problems.add(t.originOf("type"), ownPath, "transport '" + type + "' bound no settings", null, null);
            }
            if (ownBlocks.contains(type)) {
                t.effective().set(type, MAPPER.valueToTree(settings));
            }
            return settings;
        } catch (UnrecognizedPropertyException e) {
            List<String> path = path(e);
            if (path.isEmpty()) {
                path = List.of(e.getPropertyName());
            }
            Source source = sources.get(path.get(0));
            String keyPath;
            Origin origin;
            if (source == null) {
                keyPath = ownPath + join(path);
                origin = t.originOf(type);
            } else if (path.size() == 1) {
                keyPath = source.path();
                origin = source.keyOrigin();
            } else {
                List<String> rest = path.subList(1, path.size());
                keyPath = source.path() + join(rest);
                Member member = findMember(source.node(), rest);
                origin = member != null ? member.keyOrigin() : source.node().origin();
            }
            Set<String> known = new TreeSet<>();
            if (e.getKnownPropertyIds() != null) {
                e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            problems.add(origin, keyPath, "unknown key", null, known.toString());
        } catch (ValueInstantiationException e) {
            reportCheck(type, rootMessage(e), path(e), sources, ownPath);
        } catch (JsonMappingException e) {
            List<String> path = path(e);
            Source source = path.isEmpty() ? null : sources.get(path.get(0));
            String keyPath = source == null ? (ownBlocks.contains(type) ? ownPath : t.path())
                    : source.path() + join(path.subList(1, path.size()));
            ConfigNode node = source == null ? null
                    : ConfigNode.find(source.node(), join(path.subList(1, path.size())));
            Origin origin = node != null ? node.origin() : t.originOf(type);
            problems.add(origin, keyPath, "invalid value: " + e.getOriginalMessage().lines().findFirst().orElse(""),
                    node == null ? null : node.describe(), null);
        } catch (IllegalArgumentException e) {
            reportCheck(type, e.getMessage(), List.of(), sources, ownPath);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(t.originOf("type"), ownPath, "invalid settings: " + e.getOriginalMessage(), null, null);
        }
        return null;
    }

    /**
     * Reports a check the settings record made, at the key its message starts with ({@code endpoint: port must be
     * 1–65535; got …}), or at the transport block.
     */
    private void reportCheck(String type, String message, List<String> path, Map<String, Source> sources,
                             String ownPath) {
        String text = message == null ? "invalid settings" : message;
        String bestKey = null;
        for (String candidate : candidates(sources)) {
            if (text.startsWith(candidate) && (text.length() == candidate.length()
                    || !Character.isLetterOrDigit(text.charAt(candidate.length()))
                    && text.charAt(candidate.length()) != '_')
                    && (bestKey == null || candidate.length() > bestKey.length())) {
                bestKey = candidate;
            }
        }
        if (bestKey == null && !path.isEmpty() && sources.containsKey(path.get(0))) {
            bestKey = path.get(0);
        }
        if (bestKey == null && text.equals(TcpSettings.PLAINTEXT_DISABLED)) {
            bestKey = sources.containsKey("enable_tls") ? "enable_tls" : "endpoint";
            String keyPath = t.keyPath(bestKey);
            problems.add(t.originOf(bestKey), keyPath, text, null, "enable_tls: true (or leave it out), or "
                    + "allow_plaintext: true with enable_tls: false, or a loopback host");
            return;
        }
        if (bestKey == null) {
            String at = ownBlockNames().contains(type) ? ownPath : t.path();
            Origin origin = t.given(type) ? t.originOf(type) : t.originOf("type");
            problems.add(origin, at, text, null, null);
            return;
        }
        String first = bestKey.contains(".") ? bestKey.substring(0, bestKey.indexOf('.')) : bestKey;
        Source source = sources.get(first);
        String rest = bestKey.substring(first.length());
        String keyPath = source.path() + rest;
        ConfigNode node = rest.isEmpty() ? source.node() : ConfigNode.find(source.node(), rest);
        Origin origin = node != null ? node.origin() : source.node().origin();
        String problem = text.startsWith(bestKey + ": ") ? text.substring(bestKey.length() + 2)
                : text.startsWith(bestKey + " ") ? text.substring(bestKey.length() + 1) : text;
        problems.add(origin, keyPath, problem, null, bestKey.equals("endpoint") ? ENDPOINT_ALLOWED : null);
    }

    /** Every key path of the input, e.g. {@code endpoint}, {@code retry}, {@code retry.backoff_seconds}. */
    private static List<String> candidates(Map<String, Source> sources) {
        List<String> names = new ArrayList<>();
        sources.forEach((key, source) -> {
            names.add(key);
            if (source.node() instanceof MapNode map) {
                map.members().keySet().forEach(child -> names.add(key + "." + child));
            }
        });
        return names;
    }

    private Set<String> properties(String type) {
        TransportFactory<?> factory = installed.get(type);
        if (factory == null) {
            return Set.of();
        }
        return propertyNames(factory.settingsType());
    }

    /** The JSON property names a settings record is bound from. */
    static Set<String> propertyNames(Class<?> type) {
        BeanDescription description = MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(type));
        Set<String> names = new TreeSet<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            names.add(property.getName());
        }
        return names;
    }

    private static List<String> path(JsonMappingException e) {
        List<String> path = new ArrayList<>();
        for (JsonMappingException.Reference reference : e.getPath()) {
            path.add(reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]");
        }
        return path;
    }

    private static String join(List<String> parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            text.append(part.startsWith("[") ? part : "." + part);
        }
        return text.toString();
    }

    private static Member findMember(ConfigNode node, List<String> path) {
        if (path.isEmpty()) {
            return null;
        }
        ConfigNode parent = ConfigNode.find(node, join(path.subList(0, path.size() - 1)));
        return parent instanceof MapNode map ? map.member(path.get(path.size() - 1)) : null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
