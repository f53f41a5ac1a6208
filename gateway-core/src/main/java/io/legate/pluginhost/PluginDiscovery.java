package io.legate.pluginhost;

import io.legate.plugin.PluginFactory;
import io.legate.resource.model.Problem;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

/**
 * Finds plugin factories with {@link ServiceLoader}: on the class path, and in each jar of a directory through a
 * class loader of its own (whose parent is the gateway's, so plugins share the SPI and the JDK and nothing of each
 * other). Whatever fails — a corrupt jar, a provider class that is missing or throws — is gathered as a problem
 * naming the jar, never thrown.
 */
final class PluginDiscovery {

    private static final String CLASS_PATH = "class path";

    private final List<LoadedPlugin> found = new ArrayList<>();
    private final List<Problem> failures = new ArrayList<>();

    void classPath(ClassLoader loader) {
        collect(ServiceLoader.load(PluginFactory.class, loader), CLASS_PATH, null);
    }

    void jars(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*.jar")) {
            listing.forEach(jars::add);
        } catch (IOException e) {
            failures.add(problem(dir.toString(), "cannot list the plugins directory: " + e));
            return;
        }
        jars.sort(null);
        jars.forEach(this::jar);
    }

    private void jar(Path jar) {
        try (JarFile check = new JarFile(jar.toFile())) {
            // Opened once up front: a corrupt jar fails here with a clear message, not deep in ServiceLoader.
            check.size();
        } catch (IOException e) {
            failures.add(problem(jar.toString(), "not a readable jar: " + e.getMessage()));
            return;
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin " + jar.getFileName(), new URL[]{jar.toUri().toURL()},
                    PluginDiscovery.class.getClassLoader());
        } catch (MalformedURLException e) {
            failures.add(problem(jar.toString(), e.toString()));
            return;
        }
        int before = found.size();
        collect(ServiceLoader.load(PluginFactory.class, loader), jar.toString(), loader);
        if (found.size() == before && failures.stream().noneMatch(p -> jar.toString().equals(p.source()))) {
            failures.add(problem(jar.toString(), "no plugin in it: it lists no io.legate.plugin.PluginFactory in"
                    + " META-INF/services"));
        }
    }

    /** Providers of {@code loader} itself when it is given (its parent's are found on the class path already). */
    private void collect(ServiceLoader<PluginFactory> services, String source, ClassLoader only) {
        for (ServiceLoader.Provider<PluginFactory> provider : providers(services, source)) {
            if (only != null && provider.type().getClassLoader() != only) {
                continue;
            }
            try {
                PluginFactory<?> factory = provider.get();
                factory.name();
                found.add(new LoadedPlugin(factory, source));
            } catch (Throwable e) {
                // A factory's own failure (constructor, static init, a missing class) must not take the gateway down.
                failures.add(problem(source, "plugin " + provider.type().getName() + " failed to load: " + e));
            }
        }
    }

    private List<ServiceLoader.Provider<PluginFactory>> providers(ServiceLoader<PluginFactory> services, String source) {
        List<ServiceLoader.Provider<PluginFactory>> providers = new ArrayList<>();
        var iterator = services.stream().iterator();
        // ServiceLoader goes on past a broken entry; the bound guards against one that keeps failing.
        for (int errors = 0; errors < 100; ) {
            try {
                if (!iterator.hasNext()) {
                    return providers;
                }
                providers.add(iterator.next());
            } catch (Throwable e) {
                errors++;
                failures.add(problem(source, "a listed plugin cannot be loaded: " + e.getMessage()));
            }
        }
        return providers;
    }

    private static Problem problem(String source, String message) {
        return new Problem(Problem.Severity.ERROR, source, null, null, message);
    }

    List<LoadedPlugin> found() {
        return found;
    }

    List<Problem> failures() {
        return failures;
    }
}
