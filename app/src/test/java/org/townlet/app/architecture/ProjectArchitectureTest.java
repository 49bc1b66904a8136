package org.townlet.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.townlet.telemetry.archunit.TownletArchitectureRules;

/**
 * Applies every rule of {@link TownletArchitectureRules} to the whole project. The app module has every module on its
 * test classpath, so one import sees them all; test classes (and with them the rule fixtures) are left out.
 */
class ProjectArchitectureTest {

    private static JavaClasses projectClasses;

    @BeforeAll
    static void importTheProject() {
        projectClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(TownletArchitectureRules.PROJECT_ROOT);
    }

    static Stream<Arguments> projectRules() {
        return TownletArchitectureRules.byName().entrySet().stream()
                .map(rule -> Arguments.of(Named.of(rule.getKey(), rule.getValue())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectRules")
    void projectFollowsRule(ArchRule rule) {
        rule.check(projectClasses);
    }
}
