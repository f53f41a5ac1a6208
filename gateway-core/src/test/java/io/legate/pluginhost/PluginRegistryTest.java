package io.legate.pluginhost;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import io.legate.resource.model.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginRegistryTest {

    @TempDir
    Path dir;

    private static List<String> names(PluginRegistry registry) {
        return registry.plugins().stream().map(LoadedPlugin::name).toList();
    }

    private static String failure(PluginRegistry registry) {
        assertEquals(1, registry.failures().size(), registry.failures().toString());
        return registry.failures().get(0).toString();
    }

    @Test
    void pluginsAreInChainOrderThenByName() {
        PluginRegistry registry = PluginRegistry.of(new NamedPlugin("late", 300), new NamedPlugin("b_early", 100),
                new NamedPlugin("a_early", 100));

        assertEquals(List.of("a_early", "b_early", "late"), names(registry));
    }

    @Test
    void aSecondPluginWithATakenNameIsRefusedNamingBoth() {
        PluginRegistry registry = PluginRegistry.of(new NamedPlugin("audit", 1), new NamedPlugin("audit", 2));

        assertEquals(List.of("audit"), names(registry));
        String failure = failure(registry);
        assertTrue(failure.contains("the name 'audit' is already taken by 'audit'"), failure);
        assertEquals(1, registry.named("audit").orElseThrow().factory().order());
    }

    @Test
    void aNameThatIsNotSnakeCaseIsRefused() {
        assertTrue(failure(PluginRegistry.of(new NamedPlugin("Audit-Log", 1))).contains("is not snake_case"));
    }

    @Test
    void aModuleKeyClaimedTwiceIsRefused() {
        PluginRegistry registry = PluginRegistry.of(new NamedPlugin("one", 1, Set.of("cors"), Set.of()),
                new NamedPlugin("two", 2, Set.of("cors"), Set.of()));

        assertEquals(List.of("one"), names(registry));
        assertTrue(failure(registry).contains("the Module key 'cors' is already claimed by 'one'"));
    }

    @Test
    void aMappingFieldClaimedTwiceIsRefused() {
        PluginRegistry registry = PluginRegistry.of(new NamedPlugin("one", 1, Set.of(), Set.of("headers")),
                new NamedPlugin("two", 2, Set.of(), Set.of("headers")));

        assertTrue(failure(registry).contains("the Mapping field 'headers' is already claimed by 'one'"));
    }

    /** Settings that cannot be made from an empty object: the plugin could never run unconfigured. */
    private record Strict(String required) {
        Strict {
            if (required == null) {
                throw new IllegalArgumentException("required: missing");
            }
        }
    }

    @Test
    void aPluginWhoseSettingsNeedAValueToBeMadeIsRefused() {
        PluginFactory<Strict> strict = new PluginFactory<>() {
            public String name() {
                return "strict";
            }

            public int order() {
                return 1;
            }

            public Class<Strict> settingsType() {
                return Strict.class;
            }

            public Optional<GatewayFilter> filter(Strict settings) {
                return Optional.empty();
            }
        };

        assertTrue(failure(PluginRegistry.of(strict)).contains("its settings cannot be made from an empty object:"
                + " [required: missing]"));
    }

    @Test
    void aCorruptJarIsNamedAndSkipped() throws IOException {
        Files.write(dir.resolve("broken.jar"), new byte[]{1, 2, 3, 4});

        PluginRegistry registry = PluginRegistry.load(dir);

        Problem problem = registry.failures().get(0);
        assertEquals(dir.resolve("broken.jar").toString(), problem.source());
        assertTrue(problem.message().startsWith("not a readable jar"), problem.message());
    }

    @Test
    void aJarListingAFactoryItDoesNotHoldIsNamedAndSkipped() throws IOException {
        Path jar = dir.resolve("hollow.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/io.legate.plugin.PluginFactory"));
            out.write("com.acme.Missing\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        PluginRegistry registry = PluginRegistry.load(dir);

        assertEquals(jar.toString(), registry.failures().get(0).source());
        assertTrue(registry.failures().get(0).message().contains("com.acme.Missing"), registry.failures().toString());
    }

    @Test
    void aJarWithoutAnyPluginIsNamed() throws IOException {
        Path jar = dir.resolve("empty.jar");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.flush();
        }

        assertTrue(failure(PluginRegistry.load(dir)).contains("no plugin in it"));
    }

    @Test
    void aMissingPluginsDirectoryIsNoError() {
        assertEquals(List.of(), PluginRegistry.load(dir.resolve("absent")).failures());
    }
}
