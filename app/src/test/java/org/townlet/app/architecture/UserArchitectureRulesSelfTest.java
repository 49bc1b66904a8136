package org.townlet.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.telemetry.archunit.UserArchitectureRules;
import org.townlet.telemetry.archunit.UserArchitectureRules.UserCodeLayout;

/**
 * Proves that each rule for users' code catches a deliberate violator in {@code org.townlet.archfixtures.user.bad}
 * and accepts the compliant code in {@code org.townlet.archfixtures.user.good}.
 *
 * <p>The service file that registers the good fixture factory is written to a temporary directory and made visible
 * through the context class loader only while a rule is evaluated, so no fixture factory ever reaches the real
 * {@code ServiceLoader} lookups of other tests.
 */
class UserArchitectureRulesSelfTest {

    private static final String GOOD = "org.townlet.archfixtures.user.good";
    private static final String BAD = "org.townlet.archfixtures.user.bad";
    private static final String GOOD_FACTORY = GOOD + ".transport.PigeonTransportFactory";

    private static JavaClasses good;
    private static JavaClasses bad;

    @TempDir
    static Path serviceRoot;

    @BeforeAll
    static void importFixturesAndRegisterTheGoodFactory() throws IOException {
        good = new ClassFileImporter().importPackages(GOOD);
        bad = new ClassFileImporter().importPackages(BAD);
        Path serviceFile = serviceRoot.resolve(UserArchitectureRules.TRANSPORT_FACTORY_SERVICE_FILE);
        Files.createDirectories(serviceFile.getParent());
        Files.writeString(serviceFile, "# fixture registrations, visible only to these tests\n"
                + GOOD_FACTORY + "   # the compliant factory\n");
    }

    @Test
    void simulationRuleCatchesASimulationUsingCore() {
        EvaluationResult result = evaluate(UserArchitectureRules.simulationDependsOnlyOnTheApi(BAD + ".sim"), bad);

        assertViolatedBy(result, BAD + ".sim.ShortcutSimulation");
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("org.townlet.telemetry.core.worker.BackpressureStrategy"));
    }

    @Test
    void simulationRuleAcceptsASimulationUsingOnlyTheApi() {
        assertAccepted(evaluate(UserArchitectureRules.simulationDependsOnlyOnTheApi(GOOD + ".sim"), good));
    }

    @Test
    void transportRuleCatchesAPublicNonFinalTransport() {
        EvaluationResult result =
                evaluate(UserArchitectureRules.customTransportsArePackagePrivateAndFinal(BAD + ".transport"), bad);

        assertViolatedBy(result, BAD + ".transport.LeakyTransport");
    }

    @Test
    void transportRuleAcceptsAPackagePrivateFinalTransport() {
        assertAccepted(evaluate(UserArchitectureRules.customTransportsArePackagePrivateAndFinal(GOOD + ".transport"), good));
    }

    @Test
    void factoryRuleCatchesAFactoryMissingFromTheServiceFile() {
        EvaluationResult result =
                evaluate(UserArchitectureRules.transportFactoriesArePublicFinalAndRegistered(BAD + ".transport"), bad);

        assertViolatedBy(result, BAD + ".transport.UnregisteredTransportFactory");
        assertThat(result.getFailureReport().getDetails()).singleElement(STRING)
                .contains("is not listed in META-INF/services/org.townlet.telemetry.api.transport.TransportFactory");
    }

    @Test
    void factoryRuleAcceptsARegisteredPublicFinalFactory() {
        assertAccepted(evaluate(UserArchitectureRules.transportFactoriesArePublicFinalAndRegistered(GOOD + ".transport"), good));
    }

    @Test
    void factoryRuleReadsTheServiceFilesOfTheContextClassLoader() {
        // Without the fixture's service file on the classpath, the compliant factory is unregistered.
        EvaluationResult result =
                UserArchitectureRules.transportFactoriesArePublicFinalAndRegistered(GOOD + ".transport").evaluate(good);

        assertViolatedBy(result, GOOD_FACTORY);
    }

    @Test
    void guiceRuleCatchesInjectOutsideTheWiringPackage() {
        EvaluationResult result = evaluate(UserArchitectureRules.guiceOnlyInWiringPackage(BAD + ".wiring", BAD), bad);

        assertViolatedBy(result, BAD + ".sim.InjectedSimulation");
        assertThat(result.getFailureReport().getDetails()).allMatch(line -> line.contains("InjectedSimulation"));
    }

    @Test
    void guiceRuleAcceptsGuiceInTheWiringPackage() {
        assertAccepted(evaluate(UserArchitectureRules.guiceOnlyInWiringPackage(GOOD + ".wiring", GOOD), good));
    }

    @Test
    void allRulesOfALayoutAcceptCompliantCode() {
        var layout = new UserCodeLayout(List.of(GOOD + ".sim"), List.of(GOOD + ".transport"), GOOD + ".wiring");

        List<ArchRule> rules = UserArchitectureRules.all(layout);

        assertThat(rules).hasSize(4);
        rules.forEach(rule -> assertAccepted(evaluate(rule, good)));
    }

    @Test
    void allRulesOfALayoutCatchEveryViolator() {
        var layout = new UserCodeLayout(List.of(BAD + ".sim"), List.of(BAD + ".transport"), BAD + ".wiring");

        List<ArchRule> rules = UserArchitectureRules.all(layout);

        assertThat(rules).allMatch(rule -> evaluate(rule, bad).hasViolation());
    }

    @Test
    void aLayoutWithoutTransportsHasNoTransportRules() {
        var layout = new UserCodeLayout(List.of(GOOD + ".sim"), List.of(), GOOD + ".wiring");

        assertThat(UserArchitectureRules.all(layout)).hasSize(2);
    }

    @Test
    void aRuleForAMisspeltPackageFailsInsteadOfPassing() {
        ArchRule misspelt = UserArchitectureRules.simulationDependsOnlyOnTheApi(GOOD + ".simulation");

        assertThatThrownBy(() -> evaluate(misspelt, good))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void rulesRejectMissingPackages() {
        assertThatThrownBy(UserArchitectureRules::simulationDependsOnlyOnTheApi)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("simulationPackages must name at least one package");
        assertThatThrownBy(() -> new UserCodeLayout(List.of(), List.of(), "com.acme.wiring"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("simulationPackages must name at least one package");
    }

    /** Evaluates with the fixture's service file visible through the context class loader. */
    private static EvaluationResult evaluate(ArchRule rule, JavaClasses classes) {
        return withFixtureServices(() -> rule.evaluate(classes));
    }

    private static <T> T withFixtureServices(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (var loader = new URLClassLoader(new URL[] {toUrl(serviceRoot)}, previous)) {
            thread.setContextClassLoader(loader);
            return action.get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL toUrl(Path directory) {
        try {
            return directory.toUri().toURL();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertViolatedBy(EvaluationResult result, String className) {
        assertThat(result.hasViolation()).as("violated by %s", className).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(className));
    }

    private static void assertAccepted(EvaluationResult result) {
        assertThat(result.getFailureReport().getDetails()).isEmpty();
        assertThat(result.hasViolation()).isFalse();
    }
}
