package org.townlet.telemetry.archunit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaModifier.FINAL;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Architecture rules for <em>users'</em> code: a simulation that drives the Townlet telemetry sink, and transport
 * plugins. They live in another code base, so every rule takes the user's packages. Run them in your own build, with
 * ArchUnit and this module on the test classpath:
 * <pre>{@code
 * JavaClasses classes = new ClassFileImporter()
 *         .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 *         .importPackages("com.acme");
 * UserArchitectureRules.simulationDependsOnlyOnTheApi("com.acme.sim").check(classes);
 * // or, all at once:
 * var layout = new UserArchitectureRules.UserCodeLayout(
 *         List.of("com.acme.sim"), List.of("com.acme.telemetry.kafka"), "com.acme.wiring");
 * UserArchitectureRules.all(layout).forEach(rule -> rule.check(classes));
 * }</pre>
 *
 * <p>A package argument is an ArchUnit package identifier; a plain name such as {@code com.acme.sim} is taken with
 * its subpackages ({@code com.acme.sim..}). Every rule fails when its packages hold no class it applies to, so a
 * misspelt package is reported instead of passing silently.
 */
public final class UserArchitectureRules {

    /** The api that user code may depend on. */
    public static final String TELEMETRY_API = "org.townlet.telemetry.api..";

    /** The fully qualified name of the transport SPI. */
    public static final String TRANSPORT = "org.townlet.telemetry.api.transport.Transport";

    /** The fully qualified name of the transport factory SPI, also the name of its service file. */
    public static final String TRANSPORT_FACTORY = "org.townlet.telemetry.api.transport.TransportFactory";

    /** Where {@link java.util.ServiceLoader} looks for transport factories. */
    public static final String TRANSPORT_FACTORY_SERVICE_FILE = "META-INF/services/" + TRANSPORT_FACTORY;

    private static final String[] GUICE = {"com.google.inject..", "jakarta.inject..", "javax.inject.."};

    private UserArchitectureRules() {
    }

    /**
     * A simulation that drives the sink depends, of Townlet's code, only on the api
     * ({@code org.townlet.telemetry.api..}): never on core, an adapter, the engine or app. The pipeline behind the
     * sink is chosen and wired by whoever starts the program.
     *
     * <pre>{@code
     * UserArchitectureRules.simulationDependsOnlyOnTheApi("com.acme.sim").check(classes);
     * }</pre>
     *
     * @param simulationPackages the packages of the simulation, e.g. {@code com.acme.sim}
     * @return the rule
     * @throws IllegalArgumentException when no package is given or one is blank
     */
    public static ArchRule simulationDependsOnlyOnTheApi(String... simulationPackages) {
        String[] simulation = packages("simulationPackages", simulationPackages);
        return noClasses()
                .that().resideInAnyPackage(simulation)
                .should().dependOnClassesThat(resideInAPackage("org.townlet..").and(not(resideInAPackage(TELEMETRY_API)))
                        .as("belong to Townlet but not to its api (" + TELEMETRY_API + ")"))
                .because("the api's sink is the only contract a simulation has with the telemetry pipeline; "
                        + "core, the adapters and the app may change or be swapped without notice")
                .allowEmptyShould(false);
    }

    /**
     * A plugin's transports (classes implementing {@value #TRANSPORT}) are package-private and final, reachable only
     * through their factory.
     *
     * <pre>{@code
     * UserArchitectureRules.customTransportsArePackagePrivateAndFinal("com.acme.telemetry.kafka").check(classes);
     * }</pre>
     *
     * @param pluginPackages the packages of the plugin
     * @return the rule
     * @throws IllegalArgumentException when no package is given or one is blank
     */
    public static ArchRule customTransportsArePackagePrivateAndFinal(String... pluginPackages) {
        String[] plugins = packages("pluginPackages", pluginPackages);
        return classes()
                .that().resideInAnyPackage(plugins)
                .and().implement(TRANSPORT)
                .should().bePackagePrivate()
                .andShould().haveModifier(FINAL)
                .because("a transport is reached only through its factory, so its class is free to change; "
                        + "the pipeline calls it only under its send lock and nobody may subclass or share it")
                .allowEmptyShould(false);
    }

    /**
     * A plugin's transport factories (classes implementing {@value #TRANSPORT_FACTORY}) are public and final, have a
     * public no-argument constructor, and are listed in {@value #TRANSPORT_FACTORY_SERVICE_FILE} on the classpath,
     * so that {@link java.util.ServiceLoader} finds them. The service files are read from the thread's context class
     * loader when the rule is evaluated, so run it with the plugin's resources on the classpath. (A factory
     * contributed only through a plugin's Guice module needs no service entry; check such factories with
     * {@link #customTransportsArePackagePrivateAndFinal} and your own rule instead.)
     *
     * <pre>{@code
     * UserArchitectureRules.transportFactoriesArePublicFinalAndRegistered("com.acme.telemetry.kafka").check(classes);
     * }</pre>
     *
     * @param pluginPackages the packages of the plugin
     * @return the rule
     * @throws IllegalArgumentException when no package is given or one is blank
     */
    public static ArchRule transportFactoriesArePublicFinalAndRegistered(String... pluginPackages) {
        String[] plugins = packages("pluginPackages", pluginPackages);
        return classes()
                .that().resideInAnyPackage(plugins)
                .and().implement(TRANSPORT_FACTORY)
                .should().bePublic()
                .andShould().haveModifier(FINAL)
                .andShould(HAVE_A_PUBLIC_NO_ARG_CONSTRUCTOR)
                .andShould(new BeListedAsServiceProvider())
                .because("the app finds transports with ServiceLoader, which instantiates the factories listed in "
                        + TRANSPORT_FACTORY_SERVICE_FILE + " through their public no-argument constructor")
                .allowEmptyShould(false);
    }

    /**
     * Guice ({@code com.google.inject..}, {@code jakarta.inject..}, {@code javax.inject..}) is used only in the
     * wiring package, the plugin's or application's composition root.
     *
     * <pre>{@code
     * UserArchitectureRules.guiceOnlyInWiringPackage("com.acme.wiring", "com.acme").check(classes);
     * }</pre>
     *
     * @param wiringPackage the one package (with its subpackages) where Guice modules live
     * @param userPackages  the packages checked; classes in the wiring package among them are allowed
     * @return the rule
     * @throws IllegalArgumentException when a package is blank or no user package is given
     */
    public static ArchRule guiceOnlyInWiringPackage(String wiringPackage, String... userPackages) {
        String wiring = packages("wiringPackage", wiringPackage)[0];
        String[] users = packages("userPackages", userPackages);
        return noClasses()
                .that().resideInAnyPackage(users)
                .and().resideOutsideOfPackage(wiring)
                .should().dependOnClassesThat().resideInAnyPackage(GUICE)
                .because("wiring happens in one place; everything else takes its collaborators through "
                        + "constructors, so it can be built by hand in tests and by any other container")
                .allowEmptyShould(false);
    }

    /**
     * All user rules for one layout: the simulation rule for its packages; both transport rules when the layout names
     * transport packages; and the Guice rule over the simulation and transport packages.
     *
     * @param layout where the user's code lives
     * @return the rules, in that order
     */
    public static List<ArchRule> all(UserCodeLayout layout) {
        Objects.requireNonNull(layout, "layout");
        List<ArchRule> rules = new ArrayList<>();
        rules.add(simulationDependsOnlyOnTheApi(layout.simulationPackages().toArray(String[]::new)));
        if (!layout.transportPackages().isEmpty()) {
            String[] transports = layout.transportPackages().toArray(String[]::new);
            rules.add(customTransportsArePackagePrivateAndFinal(transports));
            rules.add(transportFactoriesArePublicFinalAndRegistered(transports));
        }
        List<String> checked = new ArrayList<>(layout.simulationPackages());
        checked.addAll(layout.transportPackages());
        rules.add(guiceOnlyInWiringPackage(layout.wiringPackage(), checked.toArray(String[]::new)));
        return List.copyOf(rules);
    }

    /**
     * Where a user's code lives, for {@link #all(UserCodeLayout)}.
     *
     * @param simulationPackages the simulation's packages; at least one
     * @param transportPackages  the packages of transport plugins; empty when there is none
     * @param wiringPackage      the package where the Guice modules live
     */
    public record UserCodeLayout(List<String> simulationPackages, List<String> transportPackages, String wiringPackage) {
        /**
         * Copies the lists and rejects an empty simulation or a blank package.
         *
         * @param simulationPackages the simulation's packages; at least one
         * @param transportPackages  the packages of transport plugins; empty when there is none
         * @param wiringPackage      the package where the Guice modules live
         * @throws IllegalArgumentException when a package is blank or no simulation package is given
         */
        public UserCodeLayout {
            simulationPackages = List.copyOf(simulationPackages);
            transportPackages = List.copyOf(transportPackages);
            Objects.requireNonNull(wiringPackage, "wiringPackage");
            packages("simulationPackages", simulationPackages.toArray(String[]::new));
            if (!transportPackages.isEmpty()) {
                packages("transportPackages", transportPackages.toArray(String[]::new));
            }
            packages("wiringPackage", wiringPackage);
        }
    }

    private static String[] packages(String what, String... packages) {
        if (packages == null || packages.length == 0) {
            throw new IllegalArgumentException(what + " must name at least one package");
        }
        String[] identifiers = new String[packages.length];
        for (int i = 0; i < packages.length; i++) {
            String p = packages[i];
            if (p == null || p.isBlank()) {
                throw new IllegalArgumentException(what + " must not contain a blank package, got " + List.of(packages));
            }
            identifiers[i] = p.contains("..") ? p.strip() : p.strip() + "..";
        }
        return identifiers;
    }

    private static final ArchCondition<JavaClass> HAVE_A_PUBLIC_NO_ARG_CONSTRUCTOR =
            new ArchCondition<>("have a public no-argument constructor") {
                @Override
                public void check(JavaClass javaClass, ConditionEvents events) {
                    boolean has = javaClass.getConstructors().stream()
                            .anyMatch(c -> c.getRawParameterTypes().isEmpty()
                                    && c.getModifiers().contains(JavaModifier.PUBLIC));
                    events.add(new SimpleConditionEvent(javaClass, has, "Class <" + javaClass.getName() + ">"
                            + (has ? " has" : " has no") + " public no-argument constructor in "
                            + javaClass.getSourceCodeLocation()));
                }
            };

    /** Reads every service file visible to the context class loader once per evaluation. */
    private static final class BeListedAsServiceProvider extends ArchCondition<JavaClass> {
        private Set<String> registered = Set.of();

        BeListedAsServiceProvider() {
            super("be listed in " + TRANSPORT_FACTORY_SERVICE_FILE);
        }

        @Override
        public void init(Collection<JavaClass> allObjectsToTest) {
            registered = registeredProviders();
        }

        @Override
        public void check(JavaClass javaClass, ConditionEvents events) {
            boolean listed = registered.contains(javaClass.getName());
            events.add(new SimpleConditionEvent(javaClass, listed, "Class <" + javaClass.getName() + ">"
                    + (listed ? " is" : " is not") + " listed in " + TRANSPORT_FACTORY_SERVICE_FILE
                    + " on the classpath (listed: " + registered + ")"));
        }

        private static Set<String> registeredProviders() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = UserArchitectureRules.class.getClassLoader();
            }
            Set<String> providers = new LinkedHashSet<>();
            try {
                for (URL url : Collections.list(loader.getResources(TRANSPORT_FACTORY_SERVICE_FILE))) {
                    try (var reader = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                        reader.lines()
                                .map(line -> line.replaceFirst("#.*", "").strip())
                                .filter(line -> !line.isEmpty())
                                .forEach(providers::add);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + TRANSPORT_FACTORY_SERVICE_FILE, e);
            }
            return providers;
        }
    }
}
