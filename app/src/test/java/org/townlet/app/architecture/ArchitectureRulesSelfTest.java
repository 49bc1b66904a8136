package org.townlet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.townlet.telemetry.archunit.TownletArchitectureRules;
import org.townlet.telemetry.archunit.TownletArchitectureRules.RuleSet;

/**
 * Proves that every project rule can fail: each has a deliberate violator in a small fake project under
 * {@code org.townlet.archfixtures.<fixture>} (its own {@code telemetry.api}, {@code telemetry.core},
 * {@code telemetry.adapter.x}, {@code sim}, {@code app} packages), judged by
 * {@link TownletArchitectureRules#forRoot(String)}. The {@code clean} fixture is a whole fake project that every rule
 * accepts, so no rule fails for everything.
 */
class ArchitectureRulesSelfTest {

    private static final String FIXTURES = "org.townlet.archfixtures";

    /**
     * A deliberate violation: the rule, the fixture it lives in, the class the report must name, and compliant classes
     * of the same fixture that the report must not name (so the rule is not simply failing everything).
     */
    record Violator(String rule, String fixture, String violator, List<String> compliant) {
        String violatorName() {
            return FIXTURES + "." + fixture + "." + violator;
        }
    }

    static Stream<Arguments> violators() {
        return Stream.of(
                violator("api_depends_only_on_the_jdk_jackson_annotations_and_itself", "apideps",
                        "telemetry.api.MapperHolder", "telemetry.api.Port"),
                violator("core_depends_only_on_the_api_jackson_and_the_schema_validator", "coredeps",
                        "telemetry.core.WorldReader", "telemetry.core.Encoder"),
                violator("adapters_depend_on_no_townlet_module_but_the_api", "adapterdeps",
                        "telemetry.adapter.file.EncodingFileWriter", "telemetry.adapter.file.FilePort"),
                violator("the_testing_toolkit_depends_on_no_townlet_module_but_the_api", "testingdeps",
                        "telemetry.testing.EncodingAssertions", "telemetry.testing.RecordingPort"),
                violator("nothing_outside_app_depends_on_app", "appdeps",
                        "sim.ConfiguredWorld", "app.Main"),
                violator("nothing_but_app_and_benchmarks_depends_on_core", "coreusers",
                        "sim.DirectlyPublishingLoop", "app.Wiring"),
                violator("every_class_belongs_to_a_module_and_modules_depend_only_downwards", "modules",
                        "telemetry.common.Strings", "app.Main"),
                violator("every_class_belongs_to_a_module_and_modules_depend_only_downwards", "modules",
                        "telemetry.archunit.EncoderRules", "app.Main"),
                violator("adapters_do_not_depend_on_each_other", "adaptercross",
                        "telemetry.adapter.tcp.SpoolingTcpWriter", "telemetry.adapter.file.FileWriter"),
                violator("packages_are_free_of_cycles", "cycles",
                        "telemetry.core.worker.Worker", "telemetry.api.Port"),
                violator("guice_is_used_only_in_app", "guice",
                        "telemetry.core.CoreModule", "app.AppModule"),
                violator("guice_is_used_only_in_app", "guice",
                        "sim.InjectedWorld", "app.AppModule"),
                violator("only_network_adapters_listen_and_bench_open_sockets", "sockets",
                        "telemetry.adapter.file.RemoteFileTransport", "telemetry.adapter.tcp.TcpConnection",
                        "app.listen.Receiver", "app.bench.Loopback", "telemetry.core.Endpoint"),
                violator("only_network_adapters_listen_and_bench_open_sockets", "sockets",
                        "app.cli.PortProbe", "app.listen.Receiver"),
                violator("only_network_adapters_listen_and_bench_open_sockets", "sockets",
                        "telemetry.core.TlsHelper", "telemetry.core.Endpoint"),
                violator("only_the_stdout_adapter_and_app_touch_system_out_and_err", "stdout",
                        "telemetry.core.DebugPrinter", "telemetry.adapter.stdout.StdoutWriter", "app.Cli"),
                violator("only_the_stdout_adapter_and_app_touch_system_out_and_err", "stdout",
                        "sim.TickReporter", "app.Cli"),
                violator("sim_depends_only_on_the_jdk_and_the_api", "simdeps",
                        "sim.WorldSerializer", "sim.World"),
                violator("event_and_status_types_are_records", "records",
                        "telemetry.api.event.MutableTick", "telemetry.api.event.Tick", "telemetry.api.event.Kind",
                        "telemetry.api.event.EventTypes", "telemetry.api.event.BadEventException",
                        "telemetry.api.event.EventPayload"),
                violator("event_and_status_types_are_records", "records",
                        "telemetry.api.status.LegacyStatus", "telemetry.api.event.Tick"),
                violator("the_event_payload_root_is_a_sealed_interface", "sealed",
                        "telemetry.api.event.EventPayload"),
                violator("transport_implementations_are_package_private_and_final", "transports",
                        "telemetry.adapter.bad.PublicTransport", "telemetry.adapter.good.GoodTransport",
                        "telemetry.testing.RecordingTransport", "telemetry.api.transport.ForwardingTransport"),
                violator("transport_implementations_are_package_private_and_final", "transports",
                        "telemetry.adapter.bad.ExtensibleTransport", "telemetry.adapter.good.GoodTransport"),
                violator("transport_implementations_are_package_private_and_final", "transports",
                        "telemetry.adapter.bad.PublicForwardingTransport", "telemetry.adapter.good.GoodTransport"),
                violator("transport_factories_are_public_and_final", "factories",
                        "telemetry.adapter.bad.ExtensibleTransportFactory",
                        "telemetry.adapter.good.GoodTransportFactory"),
                violator("transport_factories_are_public_and_final", "factories",
                        "telemetry.adapter.bad.HiddenTransportFactory", "telemetry.adapter.good.GoodTransportFactory"),
                violator("no_public_api_type_declares_a_retired_sink_method", "retired",
                        "telemetry.api.sink.LegacySink", "telemetry.api.sink.Recording",
                        "telemetry.api.sink.InternalLegacyBridge"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violators")
    void ruleReportsItsDeliberateViolator(Violator violator) {
        RuleSet rules = TownletArchitectureRules.forRoot(FIXTURES + "." + violator.fixture());
        ArchRule rule = rules.byName().get(violator.rule());
        assertThat(rule).as("rule %s", violator.rule()).isNotNull();

        EvaluationResult result = rule.evaluate(importFixture(violator.fixture()));

        assertThat(result.hasViolation()).as("%s catches %s", violator.rule(), violator.violator()).isTrue();
        List<String> details = result.getFailureReport().getDetails();
        assertThat(details).as("failure details").anyMatch(line -> line.contains(violator.violatorName()));
        for (String compliant : violator.compliant()) {
            String name = FIXTURES + "." + violator.fixture() + "." + compliant;
            assertThat(details).as("the report must not name the compliant %s", name)
                    .noneMatch(line -> mentionsClass(line, name));
        }
    }

    @Test
    void everyRuleHasADeliberateViolator() {
        Set<String> covered = violators().map(arguments -> ((Violator) ((Named<?>) arguments.get()[0]).getPayload()).rule())
                .collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(TownletArchitectureRules.byName().keySet());
    }

    static Stream<Arguments> ruleNames() {
        return TownletArchitectureRules.byName().keySet().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleNames")
    void ruleAcceptsTheCleanFixture(String ruleName) {
        ArchRule rule = TownletArchitectureRules.forRoot(FIXTURES + ".clean").byName().get(ruleName);

        EvaluationResult result = rule.evaluate(importFixture("clean"));

        assertThat(result.getFailureReport().getDetails()).as(ruleName).isEmpty();
        assertThat(result.hasViolation()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleNames")
    void ruleFailsWhenItsRootHoldsNoClass(String ruleName) {
        // The buckpal lesson: a rule pointed at a package that does not exist must fail, not pass vacuously.
        ArchRule rule = TownletArchitectureRules.forRoot(FIXTURES + ".nosuchroot").byName().get(ruleName);
        JavaClasses classes = importFixture("clean");

        EvaluationResult result;
        try {
            result = rule.evaluate(classes);
        } catch (AssertionError emptyShould) {
            // failOnEmptyShould: ArchUnit throws instead of reporting when the rule's subject selects no class.
            assertThat(emptyShould).hasMessageContaining("failed to check any classes");
            return;
        }
        // The layered rule reports its empty layers instead.
        assertThat(result.hasViolation()).as(ruleName).isTrue();
        assertThat(result.getFailureReport().getDetails()).contains("Layer 'api' is empty");
    }

    @Test
    void forRootRejectsAnythingButAPackageName() {
        assertThatThrownBy(() -> TownletArchitectureRules.forRoot("org.townlet.."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rootPackage must be a package name such as org.townlet, got 'org.townlet..'");
    }

    @Test
    void projectRulesAreTheRulesForTheProjectRoot() {
        RuleSet project = TownletArchitectureRules.forRoot(TownletArchitectureRules.PROJECT_ROOT);

        assertThat(TownletArchitectureRules.byName().keySet()).containsExactlyElementsOf(project.byName().keySet());
        assertThat(TownletArchitectureRules.all()).hasSize(project.all().size())
                .contains(TownletArchitectureRules.packages_are_free_of_cycles);
        assertThat(TownletArchitectureRules.packages_are_free_of_cycles.getDescription())
                .isEqualTo(project.packages_are_free_of_cycles.getDescription());
    }

    private static Arguments violator(String rule, String fixture, String violator, String... compliant) {
        Violator v = new Violator(rule, fixture, violator, List.of(compliant));
        return Arguments.of(Named.of(rule + " catches " + fixture + "." + violator, v));
    }

    private static JavaClasses importFixture(String fixture) {
        return new ClassFileImporter().importPackages(FIXTURES + "." + fixture);
    }

    /** Whether a report line names the class itself (not merely a class whose name starts with it). */
    private static boolean mentionsClass(String line, String className) {
        int at = line.indexOf(className);
        while (at >= 0) {
            int end = at + className.length();
            if (end == line.length() || !Character.isJavaIdentifierPart(line.charAt(end))) {
                return true;
            }
            at = line.indexOf(className, end);
        }
        return false;
    }
}
