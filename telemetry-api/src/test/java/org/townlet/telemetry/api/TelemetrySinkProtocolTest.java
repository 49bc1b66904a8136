package org.townlet.telemetry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.sink.ConsoleBridge;
import org.townlet.telemetry.api.sink.TelemetryIngress;
import org.townlet.telemetry.api.sink.TelemetryPort;
import org.townlet.telemetry.api.sink.TelemetryReadModel;
import org.townlet.telemetry.api.sink.TelemetryStateIO;

class TelemetrySinkProtocolTest {
    /** SPEC Table 3.3, in protocol order. */
    private static final List<String> PROTOCOL = List.of(
            "schema", "setRuntimeVariant", "currentTick", "emitEvent", "registerEventSubscriber",
            "emitManualNarration", "updatePolicyIdentity", "latestPolicyIdentity", "latestPolicySnapshot",
            "latestAnnealStatus", "drainConsoleBuffer", "importConsoleBuffer", "latestConsoleResults",
            "consoleHistory", "latestQueueMetrics", "latestEmbeddingMetrics", "latestJobSnapshot", "latestEvents",
            "latestEconomySnapshot", "latestEconomySettings", "latestPriceSpikes", "latestUtilities",
            "latestEmploymentMetrics", "latestConflictSnapshot", "latestRivalryEvents", "latestAffordanceManifest",
            "latestAffordanceRuntime", "latestRewardBreakdown", "latestPersonalitySnapshot",
            "latestRelationshipMetrics", "latestRelationshipSnapshot", "latestRelationshipUpdates",
            "latestRelationshipSummary", "latestSocialEvents", "updateRelationshipMetrics", "latestNarrations",
            "latestNarrationState", "latestStabilityMetrics", "latestStabilityAlerts", "latestTransportStatus",
            "latestHealthStatus", "latestSnapshotMigrations", "importState");

    private static final List<String> PORT = List.of("start", "stop", "emitEvent", "emitMetric", "transportStatus");

    @Test
    void protocolTableHasFortyThreeMethods() {
        assertThat(PROTOCOL).hasSize(43).doesNotHaveDuplicates();
    }

    @Test
    void sinkOffersEveryProtocolMethodAndThePort() {
        Set<String> offered = abstractMethodNames(TelemetrySink.class);

        assertThat(offered).containsAll(PROTOCOL).containsAll(PORT);
    }

    @Test
    void sinkHasExactlyFortySevenDistinctMethods() {
        long distinct = Arrays.stream(TelemetrySink.class.getMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers()))
                .map(m -> m.getName() + Arrays.toString(m.getParameterTypes()))
                .distinct()
                .count();

        assertThat(distinct).isEqualTo(47);
    }

    @Test
    void roleInterfacesTogetherDeclareExactlyTheProtocol() {
        Set<String> declared = List.of(TelemetryIngress.class, ConsoleBridge.class, TelemetryReadModel.class,
                        TelemetryStateIO.class).stream()
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .map(Method::getName)
                .collect(Collectors.toSet());

        assertThat(declared).containsExactlyInAnyOrderElementsOf(PROTOCOL);
    }

    @Test
    void portDeclaresTheFiveLifecycleAndWriteMethods() {
        assertThat(Arrays.stream(TelemetryPort.class.getDeclaredMethods()).map(Method::getName))
                .containsExactlyInAnyOrderElementsOf(PORT);
    }

    @Test
    void streamSchemaVersionIsZeroNineNine() {
        assertThat(TelemetrySchema.VERSION).isEqualTo("0.9.9");
    }

    private static Set<String> abstractMethodNames(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toSet());
    }
}
