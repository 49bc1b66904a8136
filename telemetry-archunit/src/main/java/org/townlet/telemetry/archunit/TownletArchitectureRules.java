package org.townlet.telemetry.archunit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaModifier.FINAL;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * This project's architecture (docs/ARCHITECTURE.md, "Boundaries enforced by ArchUnit") as ArchUnit rules, each
 * named as a sentence and carrying its reason.
 *
 * <p>The static fields are the rules for the real code base, rooted at {@code org.townlet}. {@code app}'s tests apply
 * them to every module at once, where everything is on the classpath:
 * <pre>{@code
 * JavaClasses classes = new ClassFileImporter()
 *         .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 *         .importPackages("org.townlet");
 * TownletArchitectureRules.adapters_do_not_depend_on_each_other.check(classes);
 * // or every rule:
 * TownletArchitectureRules.all().forEach(rule -> rule.check(classes));
 * }</pre>
 * With {@code archunit-junit5} the fields can be used directly as {@code @ArchTest} members.
 *
 * <p>{@link #forRoot(String)} builds the same rules for another root package. That is how the rules are tested: each
 * has a deliberate violator in a small fake project under a fixture root ({@code <root>.telemetry.api},
 * {@code <root>.telemetry.core}, {@code <root>.telemetry.adapter.<name>}, {@code <root>.sim}, {@code <root>.app},
 * ...), and a test asserts that the rule reports it.
 *
 * <p>Every rule keeps {@code failOnEmptyShould}: a rule whose subject selects no class fails instead of passing
 * vacuously (a misspelt package must not turn a rule off).
 */
public final class TownletArchitectureRules {

    /** The root package of this project. */
    public static final String PROJECT_ROOT = "org.townlet";

    /**
     * Adapters allowed to open sockets, each in its own package ({@code <root>.telemetry.adapter.<name>..}). A new
     * network adapter is added here, deliberately; stdout and file never open sockets.
     */
    public static final List<String> NETWORK_ADAPTERS = List.of("tcp", "kafka", "http", "prometheus");

    /** Method names of the original sink that the Java api replaced by typed events (SPEC §3.1). */
    public static final List<String> RETIRED_SINK_METHODS =
            List.of("publishTick", "recordConsoleResults", "recordHealthMetrics", "recordLoopFailure");

    // Initialised after the constants above, which the rules read.
    private static final RuleSet PROJECT = forRoot(PROJECT_ROOT);

    /** Rule 1. See {@link RuleSet#api_depends_only_on_the_jdk_jackson_annotations_and_itself}. */
    public static final ArchRule api_depends_only_on_the_jdk_jackson_annotations_and_itself =
            PROJECT.api_depends_only_on_the_jdk_jackson_annotations_and_itself;

    /** Rule 2. See {@link RuleSet#core_depends_only_on_the_api_jackson_and_the_schema_validator}. */
    public static final ArchRule core_depends_only_on_the_api_jackson_and_the_schema_validator =
            PROJECT.core_depends_only_on_the_api_jackson_and_the_schema_validator;

    /** Rule 2. See {@link RuleSet#adapters_depend_on_no_townlet_module_but_the_api}. */
    public static final ArchRule adapters_depend_on_no_townlet_module_but_the_api =
            PROJECT.adapters_depend_on_no_townlet_module_but_the_api;

    /** Rule 2. See {@link RuleSet#the_testing_toolkit_depends_on_no_townlet_module_but_the_api}. */
    public static final ArchRule the_testing_toolkit_depends_on_no_townlet_module_but_the_api =
            PROJECT.the_testing_toolkit_depends_on_no_townlet_module_but_the_api;

    /** Rule 2. See {@link RuleSet#nothing_outside_app_depends_on_app}. */
    public static final ArchRule nothing_outside_app_depends_on_app = PROJECT.nothing_outside_app_depends_on_app;

    /** Rule 2. See {@link RuleSet#nothing_but_app_and_benchmarks_depends_on_core}. */
    public static final ArchRule nothing_but_app_and_benchmarks_depends_on_core =
            PROJECT.nothing_but_app_and_benchmarks_depends_on_core;

    /** Rule 2. See {@link RuleSet#every_class_belongs_to_a_module_and_modules_depend_only_downwards}. */
    public static final ArchRule every_class_belongs_to_a_module_and_modules_depend_only_downwards =
            PROJECT.every_class_belongs_to_a_module_and_modules_depend_only_downwards;

    /** Rule 3. See {@link RuleSet#adapters_do_not_depend_on_each_other}. */
    public static final ArchRule adapters_do_not_depend_on_each_other = PROJECT.adapters_do_not_depend_on_each_other;

    /** Rule 4. See {@link RuleSet#packages_are_free_of_cycles}. */
    public static final ArchRule packages_are_free_of_cycles = PROJECT.packages_are_free_of_cycles;

    /** Rule 5. See {@link RuleSet#guice_is_used_only_in_app}. */
    public static final ArchRule guice_is_used_only_in_app = PROJECT.guice_is_used_only_in_app;

    /** Rule 6. See {@link RuleSet#only_network_adapters_listen_and_bench_open_sockets}. */
    public static final ArchRule only_network_adapters_listen_and_bench_open_sockets =
            PROJECT.only_network_adapters_listen_and_bench_open_sockets;

    /** Rule 6. See {@link RuleSet#only_the_stdout_adapter_and_app_touch_system_out_and_err}. */
    public static final ArchRule only_the_stdout_adapter_and_app_touch_system_out_and_err =
            PROJECT.only_the_stdout_adapter_and_app_touch_system_out_and_err;

    /** Rules 2 and 6. See {@link RuleSet#sim_depends_only_on_the_jdk_and_the_api}. */
    public static final ArchRule sim_depends_only_on_the_jdk_and_the_api = PROJECT.sim_depends_only_on_the_jdk_and_the_api;

    /** Rule 7. See {@link RuleSet#event_and_status_types_are_records}. */
    public static final ArchRule event_and_status_types_are_records = PROJECT.event_and_status_types_are_records;

    /** Rule 7. See {@link RuleSet#the_event_payload_root_is_a_sealed_interface}. */
    public static final ArchRule the_event_payload_root_is_a_sealed_interface =
            PROJECT.the_event_payload_root_is_a_sealed_interface;

    /** Rule 8. See {@link RuleSet#transport_implementations_are_package_private_and_final}. */
    public static final ArchRule transport_implementations_are_package_private_and_final =
            PROJECT.transport_implementations_are_package_private_and_final;

    /** Rule 8. See {@link RuleSet#transport_factories_are_public_and_final}. */
    public static final ArchRule transport_factories_are_public_and_final = PROJECT.transport_factories_are_public_and_final;

    /** SPEC §3.1. See {@link RuleSet#no_public_api_type_declares_a_retired_sink_method}. */
    public static final ArchRule no_public_api_type_declares_a_retired_sink_method =
            PROJECT.no_public_api_type_declares_a_retired_sink_method;

    private TownletArchitectureRules() {
    }

    /**
     * Every project rule, in the order of ARCHITECTURE.md.
     *
     * @return an unmodifiable list of the rules rooted at {@value #PROJECT_ROOT}
     */
    public static List<ArchRule> all() {
        return PROJECT.all();
    }

    /**
     * Every project rule by its field name, in the order of ARCHITECTURE.md (for test names and reports).
     *
     * @return an unmodifiable, ordered map from rule name to rule
     */
    public static Map<String, ArchRule> byName() {
        return PROJECT.byName();
    }

    /**
     * The same rules for another root package: {@code forRoot("org.townlet")} gives the project's rules; a fixture
     * root such as {@code org.townlet.archfixtures.cycles} with its own {@code telemetry.api}, {@code telemetry.core},
     * {@code telemetry.adapter.x}, {@code sim} and {@code app} subpackages gives rules that judge only that fake
     * project.
     *
     * @param rootPackage a package name such as {@code org.townlet}, without a trailing {@code ..}
     * @return the rules for that root
     * @throws IllegalArgumentException when {@code rootPackage} is blank or not a plain package name
     */
    public static RuleSet forRoot(String rootPackage) {
        return new RuleSet(rootPackage);
    }

    /**
     * The rules for one root package. Field names are the rule names, written as sentences; each rule's
     * {@code because} clause says why it exists.
     */
    public static final class RuleSet {
        private static final Pattern PACKAGE_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
        private static final String[] GUICE = {"com.google.inject..", "jakarta.inject..", "javax.inject.."};

        private final String root;

        /**
         * Rule 1: api depends only on {@code java..}, Jackson annotations ({@code com.fasterxml.jackson.annotation..})
         * and itself.
         */
        public final ArchRule api_depends_only_on_the_jdk_jackson_annotations_and_itself;

        /**
         * Rule 2: core depends only on {@code java..}, the api, itself, Jackson ({@code com.fasterxml.jackson..}) and
         * the JSON-schema validator ({@code com.networknt..}).
         */
        public final ArchRule core_depends_only_on_the_api_jackson_and_the_schema_validator;

        /**
         * Rule 2: an adapter depends on no module of ours but the api (its own client libraries are free; another
         * adapter is rule 3's business).
         */
        public final ArchRule adapters_depend_on_no_townlet_module_but_the_api;

        /** Rule 2: the testing toolkit (main code that other modules use in test scope) uses only the api of ours. */
        public final ArchRule the_testing_toolkit_depends_on_no_townlet_module_but_the_api;

        /** Rule 2: no class outside {@code <root>.app..} depends on app, the composition root. */
        public final ArchRule nothing_outside_app_depends_on_app;

        /** Rule 2: only app and benchmarks depend on core (tests are not imported). */
        public final ArchRule nothing_but_app_and_benchmarks_depends_on_core;

        /**
         * Rule 2, as the module table: every class of the root belongs to a known module, and each module uses only
         * the modules listed for it ({@code ensureAllClassesAreContainedInArchitecture}).
         */
        public final ArchRule every_class_belongs_to_a_module_and_modules_depend_only_downwards;

        /** Rule 3: adapters ({@code <root>.telemetry.adapter.(*)..}) do not depend on each other. */
        public final ArchRule adapters_do_not_depend_on_each_other;

        /**
         * Rule 4: no package cycles. Every package under the root is its own slice ({@code <root>.(**)}), so a
         * cycle between two packages of one module counts as much as one between modules.
         */
        public final ArchRule packages_are_free_of_cycles;

        /** Rule 5: Guice ({@code com.google.inject..}, {@code jakarta.inject..}, {@code javax.inject..}) only in app. */
        public final ArchRule guice_is_used_only_in_app;

        /**
         * Rule 6: only network adapters (each in its own package, see {@link #NETWORK_ADAPTERS}), {@code app.listen},
         * {@code app.bench} and the test toolkit ({@code telemetry.testing}) use {@code java.net} sockets,
         * {@code java.nio.channels} socket channels or {@code javax.net..}. Value types ({@code URI}, {@code URL},
         * {@code InetSocketAddress}, {@code URLClassLoader}) are free.
         */
        public final ArchRule only_network_adapters_listen_and_bench_open_sockets;

        /**
         * Rule 6: only the stdout adapter and app read {@code System.out}, {@code System.err},
         * {@code FileDescriptor.out} or {@code FileDescriptor.err}; everything else logs through
         * {@link System.Logger}.
         */
        public final ArchRule only_the_stdout_adapter_and_app_touch_system_out_and_err;

        /** Rules 2 and 6: sim depends only on {@code java..}, the api and itself. */
        public final ArchRule sim_depends_only_on_the_jdk_and_the_api;

        /**
         * Rule 7: every top-level class in {@code ..telemetry.api.event..} and {@code ..telemetry.api.status..} is a
         * record, except interfaces (the sealed roots), enums, annotations, exceptions and static-only utility
         * classes (final, private constructors, no instance members).
         */
        public final ArchRule event_and_status_types_are_records;

        /** Rule 7: {@code <root>.telemetry.api.event.EventPayload} is a sealed interface. */
        public final ArchRule the_event_payload_root_is_a_sealed_interface;

        /**
         * Rule 8: classes outside the api that implement {@code Transport} are package-private and final; the
         * testing toolkit is exempt (its recording transport is public so that tests can read what it recorded).
         */
        public final ArchRule transport_implementations_are_package_private_and_final;

        /** Rule 8: classes outside the api that implement {@code TransportFactory} are public and final. */
        public final ArchRule transport_factories_are_public_and_final;

        /**
         * SPEC §3.1: no public api type declares {@code publishTick}, {@code recordConsoleResults},
         * {@code recordHealthMetrics} or {@code recordLoopFailure}.
         */
        public final ArchRule no_public_api_type_declares_a_retired_sink_method;

        private final Map<String, ArchRule> byName;

        private RuleSet(String rootPackage) {
            Objects.requireNonNull(rootPackage, "rootPackage");
            if (!PACKAGE_NAME.matcher(rootPackage).matches()) {
                throw new IllegalArgumentException(
                        "rootPackage must be a package name such as org.townlet, got '" + rootPackage + "'");
            }
            this.root = rootPackage;
            String all = pkg("");
            String api = pkg("telemetry.api");
            String core = pkg("telemetry.core");
            String testing = pkg("telemetry.testing");
            String adapters = pkg("telemetry.adapter");
            String sim = pkg("sim");
            String app = pkg("app");
            String archunit = pkg("telemetry.archunit");
            String benchmarks = pkg("benchmarks");

            api_depends_only_on_the_jdk_jackson_annotations_and_itself = classes()
                    .that().resideInAPackage(api)
                    .should().onlyDependOnClassesThat()
                    .resideInAnyPackage("java..", "com.fasterxml.jackson.annotation..", api)
                    .because("the api is the hexagon's ports: simulations and transport plugins compile against it, "
                            + "so it must not drag in any implementation or library")
                    .allowEmptyShould(false);

            core_depends_only_on_the_api_jackson_and_the_schema_validator = classes()
                    .that().resideInAPackage(core)
                    .should().onlyDependOnClassesThat()
                    .resideInAnyPackage("java..", "com.fasterxml.jackson..", "com.networknt..", api, core)
                    .because("core meets the simulation and the transports only through the api; its only libraries "
                            + "are Jackson (encoding) and the JSON-schema validator")
                    .allowEmptyShould(false);

            adapters_depend_on_no_townlet_module_but_the_api = noClasses()
                    .that().resideInAPackage(adapters)
                    .should().dependOnClassesThat(resideInAPackage(all).and(not(resideInAnyPackage(api, adapters)))
                            .as("reside in a module of ours other than the api"))
                    .because("a transport plugs in through the api's SPI alone, so it can be built and shipped "
                            + "without core, sim or app")
                    .allowEmptyShould(false);

            the_testing_toolkit_depends_on_no_townlet_module_but_the_api = noClasses()
                    .that().resideInAPackage(testing)
                    .should().dependOnClassesThat(resideInAPackage(all).and(not(resideInAnyPackage(api, testing)))
                            .as("reside in a module of ours other than the api"))
                    .because("every module's tests use the toolkit, so it may know only what every module knows: the api")
                    .allowEmptyShould(false);

            nothing_outside_app_depends_on_app = noClasses()
                    .that().resideInAPackage(all).and().resideOutsideOfPackage(app)
                    .should().dependOnClassesThat().resideInAPackage(app)
                    .because("app is the composition root that knows every piece; nothing may know it")
                    .allowEmptyShould(false);

            nothing_but_app_and_benchmarks_depends_on_core = noClasses()
                    .that().resideInAPackage(all).and().resideOutsideOfPackages(core, app, benchmarks)
                    .should().dependOnClassesThat().resideInAPackage(core)
                    .because("core is the implementation behind the api's ports; api, adapters, sim and the toolkits "
                            + "see it only through those ports, and only app wires it (benchmarks measure it)")
                    .allowEmptyShould(false);

            every_class_belongs_to_a_module_and_modules_depend_only_downwards = layeredArchitecture()
                    .consideringOnlyDependenciesInLayers()
                    // Classes outside the root belong to other code bases, not to a module of ours.
                    .ensureAllClassesAreContainedInArchitectureIgnoring(not(resideInAPackage(all)))
                    .layer("api").definedBy(api)
                    .layer("core").definedBy(core)
                    .layer("testing").definedBy(testing)
                    .layer("adapters").definedBy(adapters)
                    .layer("sim").definedBy(sim)
                    .layer("archunit").definedBy(archunit)
                    .layer("app").definedBy(app)
                    // Benchmarks come with the performance work; until then the layer is empty.
                    .optionalLayer("benchmarks").definedBy(benchmarks)
                    .whereLayer("api").mayNotAccessAnyLayer()
                    .whereLayer("core").mayOnlyAccessLayers("api")
                    .whereLayer("testing").mayOnlyAccessLayers("api")
                    .whereLayer("adapters").mayOnlyAccessLayers("api")
                    .whereLayer("sim").mayOnlyAccessLayers("api")
                    .whereLayer("archunit").mayOnlyAccessLayers("api")
                    .whereLayer("benchmarks").mayOnlyAccessLayers("api", "core", "adapters", "sim", "testing")
                    .whereLayer("app").mayNotBeAccessedByAnyLayer()
                    .because("the module table of ARCHITECTURE.md is the architecture: a class in a package no "
                            + "module owns, or a module using one it may not, escapes every other rule")
                    .allowEmptyShould(false);

            adapters_do_not_depend_on_each_other = slices()
                    .matching(root + ".telemetry.adapter.(*)..")
                    .namingSlices("adapter $1")
                    .should().notDependOnEachOther()
                    .because("each adapter is an independent plugin that ships, and can be left out, on its own")
                    .allowEmptyShould(false);

            packages_are_free_of_cycles = slices()
                    .matching(root + ".(**)")
                    .namingSlices("package " + root + ".$1")
                    .should().beFreeOfCycles()
                    .because("a cycle ties packages into one unit that can only be understood, tested and changed "
                            + "together, even inside one module")
                    .allowEmptyShould(false);

            guice_is_used_only_in_app = noClasses()
                    .that().resideInAPackage(all).and().resideOutsideOfPackage(app)
                    .should().dependOnClassesThat().resideInAnyPackage(GUICE)
                    .because("app is the one place that wires pieces together; api, core, adapters and sim take "
                            + "their collaborators through constructors and never need an injector")
                    .allowEmptyShould(false);

            List<String> socketUsers = new ArrayList<>();
            NETWORK_ADAPTERS.forEach(name -> socketUsers.add(pkg("telemetry.adapter." + name)));
            socketUsers.add(pkg("app.listen"));
            socketUsers.add(pkg("app.bench"));
            socketUsers.add(pkg("telemetry.testing"));
            only_network_adapters_listen_and_bench_open_sockets = noClasses()
                    .that().resideInAPackage(all).and().resideOutsideOfPackages(socketUsers.toArray(String[]::new))
                    .should().dependOnClassesThat(socketTypes())
                    .because("network I/O is infrastructure: a network adapter owns its own connection, townlet "
                            + "listen its receiver and dashboard, townlet bench its loopback measurement, the test "
                            + "toolkit its refused port for the adapters' tests; everything else stays testable "
                            + "without a network")
                    .allowEmptyShould(false);

            only_the_stdout_adapter_and_app_touch_system_out_and_err = noClasses()
                    .that().resideInAPackage(all).and().resideOutsideOfPackages(pkg("telemetry.adapter.stdout"), app)
                    .should().accessField(System.class, "out")
                    .orShould().accessField(System.class, "err")
                    .orShould().accessField(java.io.FileDescriptor.class, "out")
                    .orShould().accessField(java.io.FileDescriptor.class, "err")
                    .because("stdout carries the stdout transport's frames and app's CLI output; a stray print "
                            + "corrupts the stream, so everything else logs through System.Logger, which app routes "
                            + "to stderr")
                    .allowEmptyShould(false);

            sim_depends_only_on_the_jdk_and_the_api = classes()
                    .that().resideInAPackage(sim)
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", api, sim)
                    .because("the simulation meets telemetry only through the api's sink and must stay deterministic "
                            + "and runnable without any library or infrastructure")
                    .allowEmptyShould(false);

            event_and_status_types_are_records = classes()
                    .that().resideInAnyPackage(pkg("telemetry.api.event"), pkg("telemetry.api.status"))
                    .and().areTopLevelClasses()
                    .and().areNotInterfaces()
                    .and().areNotEnums()
                    .and().areNotAnnotations()
                    .and(not(assignableTo(Throwable.class)).as("are not exceptions"))
                    .and(not(STATIC_ONLY_UTILITY))
                    .should().beRecords()
                    .because("event and status values are immutable data whose equals, hashCode and toString must "
                            + "never drift from their components")
                    .allowEmptyShould(false);

            the_event_payload_root_is_a_sealed_interface = classes()
                    .that().haveFullyQualifiedName(root + ".telemetry.api.event.EventPayload")
                    .should().beInterfaces()
                    .andShould(BE_SEALED)
                    .because("the catalogue of payloads is closed (SPEC §4.1): routing and encoding switch over it "
                            + "exhaustively, and a new payload must be a deliberate change to the api")
                    .allowEmptyShould(false);

            String transport = root + ".telemetry.api.transport.Transport";
            String transportFactory = root + ".telemetry.api.transport.TransportFactory";
            transport_implementations_are_package_private_and_final = classes()
                    .that().implement(transport)
                    .and().resideInAPackage(all)
                    // Exception: the testing toolkit's recording transport is public on purpose, so that tests in
                    // every module can construct it and read what it recorded.
                    .and().resideOutsideOfPackages(api, testing)
                    .should().bePackagePrivate()
                    .andShould().haveModifier(FINAL)
                    .because("a transport is reachable only through its public factory (ARCHITECTURE.md, Transport "
                            + "SPI), so it can change without breaking anyone")
                    .allowEmptyShould(false);

            transport_factories_are_public_and_final = classes()
                    .that().implement(transportFactory)
                    .and().resideInAPackage(all)
                    .and().resideOutsideOfPackage(api)
                    .should().bePublic()
                    .andShould().haveModifier(FINAL)
                    .because("a factory is the transport's only entry point: ServiceLoader instantiates it, and "
                            + "nobody extends it")
                    .allowEmptyShould(false);

            no_public_api_type_declares_a_retired_sink_method = noMethods()
                    .that().areDeclaredInClassesThat().resideInAPackage(api)
                    .and().areDeclaredInClassesThat().arePublic()
                    .should().haveNameMatching(String.join("|", RETIRED_SINK_METHODS))
                    .because("SPEC §3.1: those untyped entry points of the original sink are replaced by typed "
                            + "events through emitEvent; bringing one back splits the protocol in two")
                    .allowEmptyShould(false);

            this.byName = collectRules();
        }

        /**
         * Every rule of this set, in the order of ARCHITECTURE.md.
         *
         * @return an unmodifiable list
         */
        public List<ArchRule> all() {
            return List.copyOf(byName.values());
        }

        /**
         * Every rule of this set by name (the field name), in the order of ARCHITECTURE.md.
         *
         * @return an unmodifiable, ordered map
         */
        public Map<String, ArchRule> byName() {
            return byName;
        }

        private String pkg(String relative) {
            return (relative.isEmpty() ? root : root + "." + relative) + "..";
        }

        private Map<String, ArchRule> collectRules() {
            // The public ArchRule fields, in declaration order, are the rules: no second list to keep in step.
            Map<String, ArchRule> rules = new LinkedHashMap<>();
            for (Field field : RuleSet.class.getDeclaredFields()) {
                if (field.getType() == ArchRule.class && Modifier.isPublic(field.getModifiers())) {
                    try {
                        rules.put(field.getName(), (ArchRule) field.get(this));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot read rule " + field.getName(), e);
                    }
                }
            }
            return Collections.unmodifiableMap(rules);
        }

        private static DescribedPredicate<JavaClass> socketTypes() {
            Pattern sockets = Pattern.compile("java\\.net\\.\\w*Socket|java\\.nio\\.channels\\.(\\w*SocketChannel|DatagramChannel)");
            return DescribedPredicate.describe(
                    "are sockets (java.net.*Socket, java.nio.channels.*SocketChannel, DatagramChannel) "
                            + "or reside in javax.net..",
                    (JavaClass target) -> sockets.matcher(target.getName()).matches()
                            || target.getPackageName().equals("javax.net")
                            || target.getPackageName().startsWith("javax.net."));
        }

        private static final DescribedPredicate<JavaClass> STATIC_ONLY_UTILITY = DescribedPredicate.describe(
                "are static-only utility classes (final, only private constructors, no instance fields or methods)",
                (JavaClass javaClass) -> javaClass.getModifiers().contains(FINAL)
                        && javaClass.getConstructors().stream()
                                .allMatch(c -> c.getModifiers().contains(JavaModifier.PRIVATE))
                        && javaClass.getFields().stream().allMatch(RuleSet::isStaticMember)
                        && javaClass.getMethods().stream().allMatch(RuleSet::isStaticMember));

        private static boolean isStaticMember(JavaMember member) {
            return member.getModifiers().contains(JavaModifier.STATIC)
                    || member.getModifiers().contains(JavaModifier.SYNTHETIC);
        }

        private static final ArchCondition<JavaClass> BE_SEALED = new ArchCondition<>("be sealed") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean sealed;
                String detail;
                try {
                    // ArchUnit 1.4 does not read PermittedSubclasses, so ask the loaded class.
                    sealed = javaClass.reflect().isSealed();
                    detail = sealed ? "is sealed" : "is not sealed";
                } catch (RuntimeException | LinkageError e) {
                    sealed = false;
                    detail = "could not be loaded to check that it is sealed (" + e + ")";
                }
                events.add(new SimpleConditionEvent(javaClass, sealed,
                        "Class <" + javaClass.getName() + "> " + detail + " in " + javaClass.getSourceCodeLocation()));
            }
        };
    }
}
