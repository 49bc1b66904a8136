package org.townlet.app.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.app.config.ConfigurationException;
import org.townlet.app.wiring.TransportCatalog;
import org.townlet.app.wiring.TransportRegistry;
import org.townlet.telemetry.archunit.UserArchitectureRules;

class PluginsTest {
    @TempDir
    Path dir;

    @Test
    void pluginModuleAddsItsTransportToTheInstalledOnes() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJarBuilder.capturePlugin(dir, "plugins/capture.jar", "capture", "a");

        try (Plugins loaded = Plugins.load(plugins, getClass().getClassLoader())) {
            TransportRegistry registry = TransportCatalog.build(loaded);

            assertThat(loaded.jars()).containsExactly(plugins.resolve("capture.jar"));
            assertThat(loaded.modules()).singleElement().satisfies(module ->
                    assertThat(module.source()).endsWith("capture.jar"));
            assertThat(registry.knownNames()).containsExactly("capture", "file", "kafka", "none", "stdout", "tcp");
            assertThat(registry.select("capture").getClass().getName())
                    .isEqualTo("com.acme.telemetry.a.CaptureTransportFactory");
        }
    }

    @Test
    void duplicatePluginNamesFailNamingBothSources() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJarBuilder.capturePlugin(dir, "plugins/capture-a.jar", "capture", "a");
        PluginJarBuilder.capturePlugin(dir, "plugins/capture-b.jar", "capture", "b");

        try (Plugins loaded = Plugins.load(plugins, getClass().getClassLoader())) {
            assertThatThrownBy(() -> TransportCatalog.build(loaded))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Duplicate telemetry transport 'capture': ")
                    .hasMessageContaining("com.acme.telemetry.a.CaptureTransportFactory (")
                    .hasMessageContaining("capture-a.jar")
                    .hasMessageContaining("com.acme.telemetry.b.CaptureTransportFactory (")
                    .hasMessageContaining("capture-b.jar");
        }
    }

    @Test
    void aPluginCannotTakeABuiltInName() throws Exception {
        PluginJarBuilder.capturePlugin(dir, "plugins/file.jar", "file", "a");

        try (Plugins loaded = Plugins.load(dir.resolve("plugins"), getClass().getClassLoader())) {
            assertThatThrownBy(() -> TransportCatalog.build(loaded))
                    .hasMessageContaining("Duplicate telemetry transport 'file': ")
                    .hasMessageContaining("org.townlet.telemetry.adapter.file.FileTransportFactory")
                    .hasMessageContaining("com.acme.telemetry.a.CaptureTransportFactory");
        }
    }

    @Test
    void noneIsReserved() throws Exception {
        PluginJarBuilder.capturePlugin(dir, "plugins/none.jar", "none", "a");

        try (Plugins loaded = Plugins.load(dir.resolve("plugins"), getClass().getClassLoader())) {
            assertThatThrownBy(() -> TransportCatalog.build(loaded))
                    .hasMessageContaining("claims the reserved name 'none'");
        }
    }

    @Test
    void theSameModuleInTwoJarsIsReported() throws Exception {
        PluginJarBuilder.capturePlugin(dir, "plugins/capture-1.0.jar", "capture", "a");
        Files.copy(dir.resolve("plugins/capture-1.0.jar"), dir.resolve("plugins/capture-1.1.jar"));

        assertThatThrownBy(() -> Plugins.load(dir.resolve("plugins"), getClass().getClassLoader()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Duplicate plugin module com.acme.telemetry.a.wiring.CaptureModule")
                .hasMessageContaining("capture-1.0.jar")
                .hasMessageContaining("capture-1.1.jar");
    }

    @Test
    void guidePluginFollowsTheUserArchitectureRules() throws Exception {
        Path jar = PluginJarBuilder.capturePlugin(dir, "capture.jar", "capture", "capture");
        JavaClasses classes = new ClassFileImporter().importPath(dir.resolve("plugin-src-capture/classes"));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader pluginLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(pluginLoader);
            UserArchitectureRules.customTransportsArePackagePrivateAndFinal("com.acme.telemetry.capture").check(classes);
            UserArchitectureRules.transportFactoriesArePublicFinalAndRegistered("com.acme.telemetry.capture").check(classes);
            UserArchitectureRules.guiceOnlyInWiringPackage("com.acme.telemetry.capture.wiring", "com.acme.telemetry.capture")
                    .check(classes);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void explicitPluginsDirectoryMustExist() {
        assertThatThrownBy(() -> Plugins.resolveDirectory(dir.resolve("missing")))
                .hasMessage("--plugins: not a directory; got " + dir.resolve("missing"));
    }
}
