package org.townlet.app.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a transport plugin jar outside the project's modules, as a user's build would: writes the plugin's sources,
 * compiles them with the JDK's compiler against the test classpath (the api, and app for {@code TransportBindings}
 * and Guice), and packs the classes with their {@code META-INF/services} file into a jar.
 */
public final class PluginJarBuilder {
    private PluginJarBuilder() {
    }

    /**
     * The plugin of the README's guide: a transport named {@code transportName} that appends every frame to the file
     * named by {@code telemetry.transport.<name>.path}, contributed by a Guice module.
     *
     * @param packageSuffix distinguishes two plugins built in one test (e.g. {@code a}, {@code b})
     */
    public static Path capturePlugin(Path workDir, String jarName, String transportName, String packageSuffix)
            throws IOException {
        String pkg = "com.acme.telemetry." + packageSuffix;
        Map<String, String> sources = Map.of(
                pkg.replace('.', '/') + "/CaptureTransportFactory.java", """
                        package %1$s;

                        import java.nio.file.Path;
                        import org.townlet.telemetry.api.transport.Transport;
                        import org.townlet.telemetry.api.transport.TransportContext;
                        import org.townlet.telemetry.api.transport.TransportFactory;

                        /** Appends every frame, unchanged, to one file. */
                        public final class CaptureTransportFactory
                                implements TransportFactory<CaptureTransportFactory.Settings> {
                            /** telemetry.transport.%2$s: where the frames go. */
                            public record Settings(String path) {
                                public Settings {
                                    if (path == null || path.isBlank()) {
                                        throw new IllegalArgumentException("path is required");
                                    }
                                }
                            }

                            @Override
                            public String name() {
                                return "%2$s";
                            }

                            @Override
                            public Class<Settings> settingsType() {
                                return Settings.class;
                            }

                            @Override
                            public Transport create(Settings settings, TransportContext context) {
                                return new CaptureTransport(Path.of(settings.path()));
                            }
                        }
                        """.formatted(pkg, transportName),
                pkg.replace('.', '/') + "/CaptureTransport.java", """
                        package %1$s;

                        import java.io.IOException;
                        import java.io.OutputStream;
                        import java.nio.file.Files;
                        import java.nio.file.Path;
                        import java.nio.file.StandardOpenOption;
                        import org.townlet.telemetry.api.transport.FrameBatch;
                        import org.townlet.telemetry.api.transport.SendReport;
                        import org.townlet.telemetry.api.transport.Transport;
                        import org.townlet.telemetry.api.transport.TransportException;

                        /** Called only on the worker thread, under the send lock. */
                        final class CaptureTransport implements Transport {
                            private final Path path;
                            private OutputStream out;

                            CaptureTransport(Path path) {
                                this.path = path;
                            }

                            @Override
                            public void start() throws TransportException {
                                try {
                                    out = Files.newOutputStream(path, StandardOpenOption.CREATE,
                                            StandardOpenOption.APPEND);
                                } catch (IOException e) {
                                    throw new TransportException("cannot open " + path + ": " + e.getMessage(), e);
                                }
                            }

                            @Override
                            public SendReport send(FrameBatch batch) throws TransportException {
                                try {
                                    out.write(batch.concatenatedBytes());
                                    return SendReport.SAME_CONNECTION;
                                } catch (IOException e) {
                                    throw new TransportException("cannot write " + path + ": " + e.getMessage(), e);
                                }
                            }

                            @Override
                            public void flush() throws TransportException {
                                try {
                                    out.flush();
                                } catch (IOException e) {
                                    throw new TransportException("cannot flush " + path, e);
                                }
                            }

                            @Override
                            public void close() throws TransportException {
                                try {
                                    if (out != null) {
                                        out.close();
                                    }
                                } catch (IOException e) {
                                    throw new TransportException("cannot close " + path, e);
                                }
                            }
                        }
                        """.formatted(pkg),
                pkg.replace('.', '/') + "/wiring/CaptureModule.java", """
                        package %1$s.wiring;

                        import com.google.inject.AbstractModule;
                        import %1$s.CaptureTransportFactory;
                        import org.townlet.app.wiring.TransportBindings;

                        /** Adds the capture transport to Townlet's transports. */
                        public final class CaptureModule extends AbstractModule {
                            @Override
                            protected void configure() {
                                TransportBindings.addTransport(binder(), new CaptureTransportFactory());
                            }
                        }
                        """.formatted(pkg),
                "META-INF/services/com.google.inject.Module", pkg + ".wiring.CaptureModule\n",
                "META-INF/services/org.townlet.telemetry.api.transport.TransportFactory",
                pkg + ".CaptureTransportFactory\n");
        return build(workDir.resolve("plugin-src-" + packageSuffix), workDir.resolve(jarName), sources);
    }

    /** Compiles the {@code .java} entries of {@code files} and jars them with the other entries. */
    public static Path build(Path scratch, Path jar, Map<String, String> files) throws IOException {
        Path src = scratch.resolve("src");
        Path classes = scratch.resolve("classes");
        Files.createDirectories(classes);
        List<String> javaFiles = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = (file.getKey().endsWith(".java") ? src : classes).resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            if (file.getKey().endsWith(".java")) {
                javaFiles.add(target.toString());
            }
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: the tests need a JDK");
        }
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17",
                "-cp", System.getProperty("java.class.path")));
        args.addAll(javaFiles);
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int status = compiler.run(null, errors, errors, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("plugin did not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
        return jar;
    }
}
