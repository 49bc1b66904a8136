package org.townlet.app.plugin;

import com.google.inject.Module;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.townlet.app.config.ConfigurationException;

/**
 * The plugins of one run (SPEC §16): the jars of the plugins directory on one class loader (a child of the
 * application's), and the Guice modules that {@code ServiceLoader<com.google.inject.Module>} finds on it, the
 * application's classpath included. Loading instantiates the modules and nothing else; their {@code configure()}
 * runs when the transport catalog is built. {@link #close()} closes the jars.
 */
public final class Plugins implements AutoCloseable {
    /** The plugins directory used when {@code --plugins} is not given and it exists. */
    public static final Path DEFAULT_DIRECTORY = Path.of("plugins");
    private static final String MODULE_SERVICE = "META-INF/services/" + Module.class.getName();

    private final Path directory;
    private final List<Path> jars;
    private final ClassLoader classLoader;
    private final URLClassLoader ownLoader;
    private final List<PluginModule> modules;

    private Plugins(Path directory, List<Path> jars, ClassLoader classLoader, URLClassLoader ownLoader,
                    List<PluginModule> modules) {
        this.directory = directory;
        this.jars = List.copyOf(jars);
        this.classLoader = classLoader;
        this.ownLoader = ownLoader;
        this.modules = List.copyOf(modules);
    }

    /**
     * The plugins directory to use: {@code explicit} when given (it must be a directory), else
     * {@link #DEFAULT_DIRECTORY} when it exists, else none.
     *
     * @throws ConfigurationException naming {@code --plugins} when {@code explicit} is not a directory
     */
    public static Path resolveDirectory(Path explicit) {
        if (explicit != null) {
            if (!Files.isDirectory(explicit)) {
                throw new ConfigurationException("--plugins: not a directory; got " + explicit);
            }
            return explicit;
        }
        return Files.isDirectory(DEFAULT_DIRECTORY) ? DEFAULT_DIRECTORY : null;
    }

    /**
     * Loads the jars of {@code directory} (none when {@code null}) and the Guice modules listed for
     * {@code ServiceLoader} there and on {@code parent}.
     *
     * @throws ConfigurationException when a jar cannot be read, two jars list the same module, or a listed module
     *                                cannot be loaded; the message names the jar
     */
    public static Plugins load(Path directory, ClassLoader parent) {
        List<Path> jars = directory == null ? List.of() : jarsIn(directory);
        checkNoModuleListedTwice(jars);
        URLClassLoader own = jars.isEmpty() ? null : new URLClassLoader("townlet-plugins", urls(jars), parent);
        ClassLoader loader = own == null ? parent : own;
        try {
            return new Plugins(directory, jars, loader, own, modules(loader));
        } catch (RuntimeException e) {
            closeQuietly(own, e);
            throw e;
        }
    }

    /** The plugins directory in use, or {@code null}. */
    public Path directory() {
        return directory;
    }

    /** The plugin jars, sorted by name. */
    public List<Path> jars() {
        return jars;
    }

    /** The class loader that sees the application and the plugin jars. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** The Guice modules found, in discovery order. */
    public List<PluginModule> modules() {
        return modules;
    }

    /** Closes the plugin jars; idempotent. */
    @Override
    public void close() throws IOException {
        if (ownLoader != null) {
            ownLoader.close();
        }
    }

    /** Where a class was loaded from, as errors name it: the jar's file name, or the classpath entry. */
    public static String sourceOf(Class<?> type) {
        var codeSource = type.getProtectionDomain().getCodeSource();
        if (codeSource == null || codeSource.getLocation() == null) {
            return "the JDK";
        }
        String location = codeSource.getLocation().toString();
        try {
            Path path = Path.of(codeSource.getLocation().toURI());
            Path relative = path.isAbsolute() && path.startsWith(Path.of("").toAbsolutePath())
                    ? Path.of("").toAbsolutePath().relativize(path) : path;
            return relative.toString();
        } catch (Exception e) {
            return location;
        }
    }

    private static List<Path> jarsIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigurationException("--plugins: cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < jars.size(); i++) {
            try {
                urls[i] = jars.get(i).toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new ConfigurationException("plugin jar " + jars.get(i) + ": " + e.getMessage(), e);
            }
        }
        return urls;
    }

    /**
     * One class loader serves every jar, so a module listed by two jars (two versions of one plugin) would silently
     * come from the first; that is reported instead.
     */
    private static void checkNoModuleListedTwice(List<Path> jars) {
        Map<String, Path> listedBy = new LinkedHashMap<>();
        for (Path jar : jars) {
            for (String module : listedModules(jar)) {
                Path previous = listedBy.putIfAbsent(module, jar);
                if (previous != null) {
                    throw new ConfigurationException("Duplicate plugin module " + module + ": listed by "
                            + previous + " and " + jar + "; keep one of them in the plugins directory");
                }
            }
        }
    }

    private static List<String> listedModules(Path jar) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getJarEntry(MODULE_SERVICE);
            if (entry == null) {
                return names;
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(entry),
                    StandardCharsets.UTF_8))) {
                reader.lines().map(line -> line.replaceAll("#.*", "").strip()).filter(line -> !line.isEmpty())
                        .forEach(names::add);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigurationException("plugin jar " + jar + ": cannot read: " + e.getMessage(), e);
        }
        return names;
    }

    private static List<PluginModule> modules(ClassLoader loader) {
        List<PluginModule> found = new ArrayList<>();
        Iterator<ServiceLoader.Provider<Module>> providers = ServiceLoader.load(Module.class, loader).stream()
                .iterator();
        while (true) {
            ServiceLoader.Provider<Module> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                throw new ConfigurationException("Cannot load a plugin's Guice module: " + e.getMessage(), e);
            }
            try {
                Module module = provider.get();
                found.add(new PluginModule(module, sourceOf(provider.type())));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                throw new ConfigurationException("Cannot create plugin module " + provider.type().getName() + " ("
                        + sourceOf(provider.type()) + "): " + e, e);
            }
        }
        return found;
    }

    private static void closeQuietly(URLClassLoader loader, RuntimeException failure) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
