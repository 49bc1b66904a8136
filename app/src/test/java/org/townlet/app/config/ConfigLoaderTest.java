package org.townlet.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.app.wiring.TransportCatalog;
import org.townlet.app.wiring.TransportDiscovery;
import org.townlet.sim.SimulationConfig;
import org.townlet.telemetry.adapter.file.FileSettings;
import org.townlet.telemetry.adapter.tcp.TcpSettings;
import org.townlet.telemetry.api.transport.TransportFactory;
import org.townlet.telemetry.core.publish.PublisherSettings;
import org.townlet.telemetry.core.worker.BackpressureStrategy;
import org.townlet.telemetry.core.worker.WorkerSettings;

class ConfigLoaderTest {
    private static final Map<String, TransportFactory<?>> BUILT_IN = TransportCatalog.build(
            TransportDiscovery.discover(ConfigLoaderTest.class.getClassLoader()), List.of()).factories();
    /** The allowed keys of telemetry.transport as SPEC §15 lists them. */
    private static final String TRANSPORT_KEYS = "[ack, allow_plaintext, buffer, ca_file, cert_file, "
            + "connect_timeout_seconds, dev_allow_plaintext, enable_tls, endpoint, file, file_path, http, kafka, key_file, "
            + "prometheus, retry, send_timeout_seconds, type, verify_hostname, websocket_url, worker_poll_seconds]";

    @TempDir
    Path dir;

    @Test
    void pocHybridTelemetryBlockValidates() throws IOException {
        LoadedConfig loaded = load(pocHybrid());

        TownletConfig config = loaded.config();
        assertThat(config.configId()).isEqualTo("v1.3.0");
        assertThat(config.transportName()).isEqualTo("stdout");
        assertThat(config.telemetry().transport().buffer().maxBufferBytes()).isEqualTo(256_000);
        assertThat(config.workerSettings().maxBufferBytes()).isEqualTo(256_000);
        assertThat(config.telemetry().worker().backpressure()).isEqualTo(BackpressureStrategy.DROP_OLDEST);
        assertThat(config.telemetry().narration().categoryCooldownTicks()).containsEntry("queue_conflict", 30L);
        assertThat(config.telemetry().transforms().transforms()).hasSize(3);
        assertThat(config.simulation().seed()).isEqualTo(7);
        assertThat(loaded.effectiveYaml()).contains("max_buffer_bytes: 256000").contains("stop_timeout_seconds: 2.0");
    }

    @Test
    void unknownKeyNamesPathAndAllowedKeys() throws IOException {
        String yaml = pocHybrid().replace("    buffer:\n", "    buffr:\n      max_batch_size: 8\n    buffer:\n");

        List<String> errors = errors(yaml);

        assertThat(errors).containsExactly("sim.yaml:" + lineOf(yaml, "buffr:") + ":5: telemetry.transport.buffr: "
                + "unknown key; allowed: " + TRANSPORT_KEYS);
    }

    @Test
    void workerBlockUnderTransportIsAnUnknownKey() {
        List<String> errors = errors("telemetry:\n  transport:\n    type: stdout\n    worker:\n"
                + "      backpressure: block\n");

        assertThat(errors).containsExactly("sim.yaml:4:5: telemetry.transport.worker: unknown key; allowed: "
                + TRANSPORT_KEYS);
    }

    @Test
    void errorsNameFilePositionValueAndAllowed() throws IOException {
        String yaml = pocHybrid().replace("max_buffer_bytes: 256000", "max_buffer_bytes: -1");

        List<String> errors = errors(yaml);

        assertThat(errors).containsExactly("sim.yaml:" + lineOf(yaml, "max_buffer_bytes") + ":25: "
                + "telemetry.transport.buffer.max_buffer_bytes: out of range; got -1; allowed: 1024–16777216");
    }

    @Test
    void everyErrorIsReportedTogether() {
        List<String> errors = errors("""
                telemetry:
                  keyframe_interval_ticks: many
                  transport:
                    buffer:
                      max_batch_size: 0
                  worker:
                    backpressure: drop_newest
                    stop_timeout_seconds: 61
                simulation:
                  agents: -3
                  colour: blue
                """);

        assertThat(errors).containsExactly(
                "sim.yaml:2:28: telemetry.keyframe_interval_ticks: must be an integer; got many; allowed: 0–1000000",
                "sim.yaml:5:23: telemetry.transport.buffer.max_batch_size: out of range; got 0; allowed: 1–500",
                "sim.yaml:7:19: telemetry.worker.backpressure: unknown value; got drop_newest; allowed: drop_oldest,"
                        + " block, fan_out",
                "sim.yaml:8:27: telemetry.worker.stop_timeout_seconds: out of range; got 61; allowed: 0.1–60",
                "sim.yaml:10:11: simulation.agents: out of range; got -3; allowed: 0–100000",
                "sim.yaml:11:3: simulation.colour: unknown key; allowed: [agent_names, agents, runtime_variant, "
                        + "scenario, seed, ticks, ticks_per_day]");
    }

    @Test
    void unknownTransportNameListsKnownOnes() {
        assertThat(errors("telemetry:\n  transport:\n    type: carrier_pigeon\n")).containsExactly(
                "sim.yaml:3:11: telemetry.transport.type: Unknown telemetry transport 'carrier_pigeon'. "
                        + "Known transports: [file, kafka, none, stdout, tcp]");
    }

    @Test
    void uninstalledTransportRejectedAtLoad() {
        assertThat(errors("telemetry:\n  transport:\n    type: websocket\n    websocket_url: ws://localhost:9/\n"))
                .containsExactly("sim.yaml:3:11: telemetry.transport.type: 'websocket' is not installed in this build;"
                        + " installed: [file, kafka, none, stdout, tcp]");
    }

    @Test
    void unknownProviderListsKnownOnes() {
        assertThat(errors("runtime:\n  telemetry:\n    provider: http\n")).containsExactly(
                "sim.yaml:3:15: runtime.telemetry.provider: Unknown telemetry provider 'http'. Known providers: "
                        + "[default, none, publisher, stdout, stub]");
    }

    @Test
    void stubProviderOrTransportNoneSelectsTheStub() {
        assertThat(load("runtime:\n  telemetry:\n    provider: stub\n").config().stubSelected()).isTrue();
        assertThat(load("telemetry:\n  transport:\n    type: none\n").config().transportName()).isEqualTo("none");
        assertThat(load("").config().stubSelected()).isFalse();
    }

    @Test
    void tcpDefaultsToTlsForRemoteHosts() {
        TcpSettings remote = tcp(load("telemetry:\n  transport:\n    type: tcp\n    endpoint: collector.example:9000\n"));
        TcpSettings loopback = tcp(load("telemetry:\n  transport:\n    type: tcp\n    endpoint: 127.0.0.1:9000\n"));

        assertThat(remote.useTls()).isTrue();
        assertThat(remote.verifyHostname()).isTrue();
        assertThat(loopback.useTls()).isFalse();
    }

    @Test
    void plaintextRemoteRejectedAtLoad() {
        assertThat(errors("telemetry:\n  transport:\n    type: tcp\n    endpoint: collector.example:9000\n"
                + "    enable_tls: false\n")).containsExactly("sim.yaml:5:17: telemetry.transport.enable_tls: "
                + TcpSettings.PLAINTEXT_DISABLED + "; allowed: enable_tls: true (or leave it out), or "
                + "allow_plaintext: true with enable_tls: false, or a loopback host");

        TcpSettings allowed = tcp(load("telemetry:\n  transport:\n    type: tcp\n    endpoint: collector.example:9000\n"
                + "    enable_tls: false\n    allow_plaintext: true\n"));
        assertThat(allowed.useTls()).isFalse();
    }

    @Test
    void plaintextLoopbackAccepted() {
        TcpSettings explicit = tcp(load("telemetry:\n  transport:\n    type: tcp\n    endpoint: localhost:9000\n"
                + "    enable_tls: false\n"));
        TcpSettings ipv6 = tcp(load("telemetry:\n  transport:\n    type: tcp\n    endpoint: '[::1]:9000'\n"));

        assertThat(explicit.useTls()).isFalse();
        assertThat(ipv6.useTls()).isFalse();
    }

    @Test
    void malformedEndpointRejectedAtLoad() {
        assertThat(errors("telemetry:\n  transport:\n    type: tcp\n    endpoint: nohost\n")).containsExactly(
                "sim.yaml:4:15: telemetry.transport.endpoint: expected host:port or [ipv6]:port; got nohost; "
                        + "allowed: host:port or [ipv6]:port, port 1–65535");
        assertThat(errors("telemetry:\n  transport:\n    type: tcp\n    endpoint: 127.0.0.1:99999\n"))
                .singleElement().asString().contains("port must be 1–65535; got 127.0.0.1:99999");
        assertThat(errors("telemetry:\n  transport:\n    type: tcp\n")).containsExactly(
                "sim.yaml:3:11: telemetry.transport.endpoint: required for transport 'tcp'; allowed: host:port or "
                        + "[ipv6]:port, port 1–65535 (--endpoint)");
    }

    @Test
    void keysOfOtherTransportsAreRejected() {
        assertThat(errors("telemetry:\n  transport:\n    type: tcp\n    endpoint: localhost:9\n"
                + "    file_path: out.jsonl\n")).containsExactly("sim.yaml:5:16: telemetry.transport.file_path: not "
                + "used by transport 'tcp'; got out.jsonl; allowed: with transport file or prometheus");
        assertThat(errors("telemetry:\n  transport:\n    type: file\n    file_path: out.jsonl\n"
                + "    allow_plaintext: true\n    ack: true\n")).containsExactly(
                "sim.yaml:5:22: telemetry.transport.allow_plaintext: not used by transport 'file'; got true; "
                        + "allowed: with transport tcp",
                "sim.yaml:6:10: telemetry.transport.ack: not used by transport 'file'; got true; allowed: with "
                        + "transport tcp");
    }

    @Test
    void fileTransportBindsPathAndRotation() {
        FileSettings file = (FileSettings) load("telemetry:\n  transport:\n    type: file\n    file_path: out.jsonl\n"
                + "    file:\n      rotate_max_bytes: 1048576\n      fsync: true\n").config().telemetry()
                .transport().settings();

        assertThat(file.filePath()).isEqualTo("out.jsonl");
        assertThat(file.file().rotateMaxBytes()).isEqualTo(1_048_576);
        assertThat(file.file().fsync()).isTrue();
    }

    @Test
    void flagsOverrideTheFileAndNameTheFlag() {
        ConfigOverrides flags = ConfigOverrides.builder()
                .set("--endpoint", "telemetry.transport.endpoint", "127.0.0.1:99999")
                .build();

        assertThat(errors("telemetry:\n  transport:\n    endpoint: localhost:9000\n", flags)).containsExactly(
                "--endpoint: port must be 1–65535; got 127.0.0.1:99999; allowed: host:port or [ipv6]:port, "
                        + "port 1–65535");

        ConfigOverrides ticks = ConfigOverrides.builder().set("--ticks", "simulation.ticks", 5L)
                .set("--backpressure", "telemetry.worker.backpressure", "block").build();
        TownletConfig config = load("simulation:\n  ticks: 100\n", ticks).config();
        assertThat(config.simulation().ticks()).isEqualTo(5);
        assertThat(config.telemetry().worker().backpressure()).isEqualTo(BackpressureStrategy.BLOCK);
    }

    @Test
    void anUnpacedRunThatChoosesNoBackpressureBlocks() {
        assertThat(backpressure("", ConfigOverrides.builder().run(0).build())).isEqualTo(BackpressureStrategy.BLOCK);
        assertThat(backpressure("telemetry:\n  worker:\n    stop_timeout_seconds: 5\n",
                ConfigOverrides.builder().run(0).build())).isEqualTo(BackpressureStrategy.BLOCK);
        assertThat(load("", ConfigOverrides.builder().run(0).build()).effectiveYaml())
                .contains("backpressure: block");
    }

    @Test
    void anUnpacedRunThatChoosesNoBackpressureWaitsUpToTheLongestBlockTimeoutUnlessOneIsSet() {
        ConfigOverrides unpaced = ConfigOverrides.builder().run(0).build();

        assertThat(load("", unpaced).config().telemetry().worker().blockTimeoutSeconds())
                .isEqualTo(WorkerConfig.MAX_BLOCK_TIMEOUT_SECONDS);
        assertThat(load("telemetry:\n  worker:\n    block_timeout_seconds: 1.5\n", unpaced).config().telemetry()
                .worker().blockTimeoutSeconds()).isEqualTo(1.5);
        assertThat(load("", ConfigOverrides.builder().run(400).build()).config().telemetry().worker()
                .blockTimeoutSeconds()).isEqualTo(WorkerConfig.DEFAULTS.blockTimeoutSeconds());
        assertThat(load("", ConfigOverrides.builder().run(0)
                .set("--backpressure", "telemetry.worker.backpressure", "block").build()).config().telemetry()
                .worker().blockTimeoutSeconds())
                .as("a chosen backpressure keeps the documented block timeout")
                .isEqualTo(WorkerConfig.DEFAULTS.blockTimeoutSeconds());
    }

    @Test
    void aPacedRunThatChoosesNoBackpressureDropsTheOldest() {
        assertThat(backpressure("", ConfigOverrides.builder().run(400).build()))
                .isEqualTo(BackpressureStrategy.DROP_OLDEST);
    }

    @Test
    void anExplicitBackpressureWinsOverThePacingDefault() {
        String fileDropOldest = "telemetry:\n  worker:\n    backpressure: drop_oldest\n";
        String fileFanOut = "telemetry:\n  worker:\n    backpressure: fan_out\n";
        ConfigOverrides unpaced = ConfigOverrides.builder().run(0).build();
        ConfigOverrides paced = ConfigOverrides.builder().run(400).build();

        assertThat(backpressure(fileDropOldest, unpaced)).isEqualTo(BackpressureStrategy.DROP_OLDEST);
        assertThat(backpressure(fileFanOut, unpaced)).isEqualTo(BackpressureStrategy.FAN_OUT);
        assertThat(backpressure("telemetry:\n  worker:\n    backpressure: block\n", paced))
                .isEqualTo(BackpressureStrategy.BLOCK);
        assertThat(backpressure("", ConfigOverrides.builder().run(0)
                .set("--backpressure", "telemetry.worker.backpressure", "drop_oldest").build()))
                .isEqualTo(BackpressureStrategy.DROP_OLDEST);
        assertThat(backpressure("", ConfigOverrides.builder().run(400)
                .set("--backpressure", "telemetry.worker.backpressure", "block").build()))
                .isEqualTo(BackpressureStrategy.BLOCK);
        assertThat(backpressure(fileFanOut, ConfigOverrides.builder().run(0)
                .set("--backpressure", "telemetry.worker.backpressure", "drop_oldest").build()))
                .as("the flag wins over the file").isEqualTo(BackpressureStrategy.DROP_OLDEST);
    }

    @Test
    void commandsOtherThanRunKeepTheDocumentedBackpressureDefault() {
        // bench and validate-config build their flags without run(...): SPEC §15.1's default applies
        assertThat(backpressure("", ConfigOverrides.NONE)).isEqualTo(BackpressureStrategy.DROP_OLDEST);
        assertThat(backpressure("", ConfigOverrides.builder().set("--ticks", "simulation.ticks", 5L).build()))
                .isEqualTo(BackpressureStrategy.DROP_OLDEST);
    }

    @Test
    void thePacingDefaultDoesNotHideABadWorkerBlock() {
        assertThat(errors("telemetry:\n  worker: 5\n", ConfigOverrides.builder().run(0).build()))
                .singleElement().asString().startsWith("sim.yaml:2:11: telemetry.worker:");
    }

    @Test
    void anEndpointFlagSelectsTcpUnlessATransportIsNamed() {
        ConfigOverrides flags = ConfigOverrides.builder()
                .set("--endpoint", "telemetry.transport.endpoint", "127.0.0.1:8765").build();

        assertThat(load("", flags).config().transportName()).isEqualTo("tcp");
        assertThat(errors("telemetry:\n  transport:\n    type: stdout\n", flags)).containsExactly(
                "--endpoint: not used by transport 'stdout'; got 127.0.0.1:8765; allowed: with transport tcp (or a "
                        + "transport that takes an endpoint)");
    }

    @Test
    void transportTcpFlagWithoutEndpointStreamsToTheListenersDefaultPort() {
        ConfigOverrides flags = ConfigOverrides.builder()
                .set("--transport", "telemetry.transport.type", "tcp").build();

        assertThat(tcp(load("", flags)).endpoint().toString()).isEqualTo("127.0.0.1:8765");
        assertThat(tcp(load("telemetry:\n  transport:\n    endpoint: localhost:9000\n", flags)).endpoint()
                .toString()).isEqualTo("localhost:9000");
        assertThat(errors("telemetry:\n  transport:\n    type: tcp\n")).singleElement().asString()
                .contains("telemetry.transport.endpoint: required for transport 'tcp'");
    }

    @Test
    void crossFieldErrorsNameBothFields() {
        assertThat(errors("telemetry:\n  relationship_narration:\n    friendship_priority_threshold: 0.5\n"))
                .containsExactly("sim.yaml:3:36: telemetry.relationship_narration.friendship_priority_threshold: "
                        + "telemetry.relationship_narration.friendship_priority_threshold must be >= "
                        + "friendship_trust_threshold (0.6); got 0.5; allowed: friendship_trust_threshold–1");
    }

    @Test
    void transformPipelineErrorsPointAtTheEntry() {
        List<String> errors = errors("telemetry:\n  transforms:\n    pipeline:\n      - snapshot_normalizer\n"
                + "      - scrub_fields: {fields: [secret]}\n");

        assertThat(errors).singleElement().asString().startsWith("sim.yaml:5:9: telemetry.transforms.pipeline[1]: ")
                .contains("Unsupported telemetry transform id 'scrub_fields'");
    }

    @Test
    void simulationBlocksBindOntoTheEngineRecordsOverTheScenarioPreset() {
        TownletConfig config = load("simulation:\n  scenario: queue_conflict\nneeds:\n  hunger_decay: 0.002\n"
                + "monitor:\n  health_log_every_ticks: 1000\n").config();
        SimulationConfig preset = SimulationConfig.preset("queue_conflict");

        assertThat(config.simulation().needs().hungerDecay()).isEqualTo(0.002);
        assertThat(config.simulation().needs().hygieneDecay()).isEqualTo(preset.needs().hygieneDecay());
        assertThat(config.simulation().agents()).isEqualTo(preset.agents());
        assertThat(config.simulation().queues()).isEqualTo(preset.queues());
        assertThat(config.simulation().monitor().healthLogEveryTicks()).isEqualTo(1000);
    }

    @Test
    void simulationBlockErrorsNameTheKey() {
        assertThat(errors("needs:\n  hunger_decay: 2.0\n  colour: red\nstory:\n  beats:\n"
                + "    - {tick: 0, action: announce, message: hi}\n")).containsExactly(
                "sim.yaml:3:3: needs.colour: unknown key; allowed: [energy_decay, hunger_decay, hygiene_decay, "
                        + "starvation_threshold]",
                "sim.yaml:2:17: needs.hunger_decay: must be 0–1; got 2.0",
                "sim.yaml:6:14: story.beats[0].tick: must be >= 1; got 0");
    }

    @Test
    void consoleAuthNeedsTokensAndHidesThemInTheEffectiveConfiguration() {
        LoadedConfig loaded = load("console_auth:\n  enabled: true\n  tokens:\n    - {token: s3cret, role: admin}\n");

        assertThat(loaded.config().publisherSettings().authEnabled()).isTrue();
        assertThat(loaded.effectiveYaml()).contains("token: '***'").doesNotContain("s3cret");
        assertThat(errors("console_auth:\n  enabled: true\n")).containsExactly("sim.yaml:2:12: console_auth.enabled: "
                + "console_auth.enabled needs console_auth.tokens; got true; allowed: at least one token");
    }

    @Test
    void pluginBlockBoundOntoItsSettingsRecord() {
        Map<String, TransportFactory<?>> installed = new TreeMap<>(BUILT_IN);
        installed.put("pigeon", new PigeonTransportFactory());

        TownletConfig config = load(installed, "telemetry:\n  transport:\n    type: pigeon\n    endpoint: loft:1\n"
                + "    pigeon:\n      pigeons: 3\n");
        assertThat(config.telemetry().transport().settings())
                .isEqualTo(new PigeonTransportFactory.Settings(3, "loft:1"));

        assertThat(errors(installed, "telemetry:\n  transport:\n    type: pigeon\n    pigeon:\n      pigeons: 3\n"
                + "      colour: grey\n")).containsExactly("sim.yaml:6:7: telemetry.transport.pigeon.colour: unknown "
                + "key; allowed: [endpoint, pigeons]");
        assertThat(errors(installed, "telemetry:\n  transport:\n    type: pigeon\n    pigeon:\n      pigeons: 30\n"))
                .containsExactly("sim.yaml:5:16: telemetry.transport.pigeon.pigeons: must be 1–10; got 30");
        assertThat(errors(installed, "telemetry:\n  transport:\n    type: stdout\n    pigeon:\n      pigeons: 3\n"))
                .singleElement().asString().startsWith("sim.yaml:5:7: telemetry.transport.pigeon: not used by "
                        + "transport 'stdout'");
        assertThat(errors(installed, "telemetry:\n  transport:\n    typo: 1\n")).singleElement().asString()
                .endsWith("file_path, http, kafka, key_file, pigeon, prometheus, retry, send_timeout_seconds, type, "
                        + "verify_hostname, websocket_url, worker_poll_seconds]");
    }

    @Test
    void jsonIsReadTheSameWay() throws IOException {
        Path file = dir.resolve("sim.json");
        Files.writeString(file, "{\"telemetry\": {\"transport\": {\"buffer\": {\"max_buffer_bytes\": 2048}}},\n"
                + " \"simulation\": {\"ticks\": \"ten\"}}");

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> new ConfigLoader(BUILT_IN).load(file, ConfigOverrides.NONE));

        assertThat(e.errors()).containsExactly(file + ":2:26: simulation.ticks: must be an integer; got ten; "
                + "allowed: 0–1000000000000");
    }

    @Test
    void duplicateKeysAndBadSyntaxAreReported() {
        assertThat(errors("telemetry:\n  diff_enabled: true\n  diff_enabled: false\n")).containsExactly(
                "sim.yaml:3:3: telemetry.diff_enabled: duplicate key (first given at line 2); allowed: each key once"
                        + " per mapping");
        assertThat(errors("telemetry: [unclosed\n")).singleElement().asString()
                .startsWith("sim.yaml:1:21: not well-formed YAML: while parsing a flow sequence");
    }

    @Test
    void emptyConfigurationGivesTheComponentsTheirOwnDefaults() {
        TownletConfig config = load("").config();

        assertThat(config.workerSettings()).isEqualTo(WorkerSettings.DEFAULTS);
        assertThat(config.publisherSettings()).isEqualTo(PublisherSettings.DEFAULTS.toBuilder()
                .economySettings(config.economySettings()).build());
        assertThat(config.publisherSettings().economySettings()).containsEntry("meal_cost", 0.4);
        assertThat(config.simulation()).isEqualTo(SimulationConfig.defaults());
        assertThat(config.telemetry().transport().settings()).isNotNull();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static TcpSettings tcp(LoadedConfig loaded) {
        return (TcpSettings) loaded.config().telemetry().transport().settings();
    }

    private static String pocHybrid() throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/poc_hybrid.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int lineOf(String text, String needle) {
        return text.substring(0, text.indexOf(needle)).split("\n", -1).length;
    }

    private BackpressureStrategy backpressure(String yaml, ConfigOverrides flags) {
        return load(yaml, flags).config().telemetry().worker().backpressure();
    }

    private LoadedConfig load(String yaml) {
        return load(yaml, ConfigOverrides.NONE);
    }

    private LoadedConfig load(String yaml, ConfigOverrides flags) {
        return new ConfigLoader(BUILT_IN).load(write(yaml), flags);
    }

    private TownletConfig load(Map<String, TransportFactory<?>> installed, String yaml) {
        return new ConfigLoader(installed).load(write(yaml), ConfigOverrides.NONE).config();
    }

    private List<String> errors(String yaml) {
        return errors(BUILT_IN, yaml, ConfigOverrides.NONE);
    }

    private List<String> errors(String yaml, ConfigOverrides flags) {
        return errors(BUILT_IN, yaml, flags);
    }

    private List<String> errors(Map<String, TransportFactory<?>> installed, String yaml) {
        return errors(installed, yaml, ConfigOverrides.NONE);
    }

    private List<String> errors(Map<String, TransportFactory<?>> installed, String yaml, ConfigOverrides flags) {
        Path file = write(yaml);
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> new ConfigLoader(installed).load(file, flags));
        assertThat(e).as("expected configuration errors").isNotNull();
        return e.errors().stream().map(line -> line.replace(file.toString(), "sim.yaml")).toList();
    }

    private Path write(String yaml) {
        try {
            Path file = dir.resolve("sim.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
