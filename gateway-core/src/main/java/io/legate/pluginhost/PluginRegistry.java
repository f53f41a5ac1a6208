package io.legate.pluginhost;

import io.legate.plugin.PluginFactory;
import io.legate.resource.model.Problem;
import io.legate.resource.model.ResourceKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins found at start-up, in chain order ({@code order()}, then name), and what failed to load. Immutable:
 * plugins are found once per process, so a jar dropped into {@code plugins/} takes effect at the next start.
 */
public final class PluginRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Comparator<LoadedPlugin> CHAIN_ORDER =
            Comparator.comparingInt((LoadedPlugin p) -> p.factory().order()).thenComparing(LoadedPlugin::name);

    private final List<LoadedPlugin> plugins;
    private final Map<String, LoadedPlugin> byName;
    private final Map<String, LoadedPlugin> byModuleKey;
    private final Map<String, LoadedPlugin> byMappingKey;
    private final Map<ResourceKind, LoadedPlugin> byKind;
    private final List<Problem> failures;

    private PluginRegistry(List<LoadedPlugin> found, List<Problem> loadFailures) {
        List<Problem> failures = new ArrayList<>(loadFailures);
        this.byName = new HashMap<>();
        this.byModuleKey = new HashMap<>();
        this.byMappingKey = new HashMap<>();
        this.byKind = new EnumMap<>(ResourceKind.class);
        List<LoadedPlugin> accepted = new ArrayList<>();
        for (LoadedPlugin plugin : found) {
            String refusal = refusal(plugin);
            if (refusal != null) {
                failures.add(new Problem(Problem.Severity.ERROR, plugin.source(), "plugin " + plugin, null, refusal));
                continue;
            }
            accepted.add(plugin);
            byName.put(plugin.name(), plugin);
            plugin.factory().moduleKeys().forEach(key -> byModuleKey.put(key, plugin));
            plugin.factory().mappingKeys().forEach(key -> byMappingKey.put(key, plugin));
            plugin.factory().resourceKinds().forEach(kind -> byKind.put(ResourceKind.of(kind).orElseThrow(), plugin));
        }
        accepted.sort(CHAIN_ORDER);
        this.plugins = List.copyOf(accepted);
        this.failures = List.copyOf(failures);
    }

    /** Says in the log what was loaded and what was skipped, once, at start-up. */
    public void log() {
        failures.forEach(problem -> LOG.error("{} (skipped)", problem));
        plugins.forEach(plugin -> LOG.info("plugin {} loaded, order {}", plugin, plugin.factory().order()));
    }

    /** Exactly {@code factories}, as if found on the class path: for embedding, and for tests. */
    public static PluginRegistry of(PluginFactory<?>... factories) {
        return new PluginRegistry(Arrays.stream(factories).map(f -> new LoadedPlugin(f, "class path")).toList(), List.of());
    }

    /** The plugins on the class path only: the built-in ones, and whatever tests put there. */
    public static PluginRegistry classPath() {
        PluginDiscovery discovery = new PluginDiscovery();
        discovery.classPath(PluginRegistry.class.getClassLoader());
        return new PluginRegistry(discovery.found(), discovery.failures());
    }

    /** The plugins on the class path, then those of every {@code *.jar} in {@code dir} (if it exists). */
    public static PluginRegistry load(Path dir) {
        PluginDiscovery discovery = new PluginDiscovery();
        discovery.classPath(PluginRegistry.class.getClassLoader());
        discovery.jars(dir);
        return new PluginRegistry(discovery.found(), discovery.failures());
    }

    /** Why {@code plugin} cannot join those already accepted, or null when it can. */
    private String refusal(LoadedPlugin plugin) {
        String name = plugin.name();
        if (name == null || !NAME.matcher(name).matches()) {
            return "its name \"" + name + "\" is not snake_case (lower-case letters, digits and '_')";
        }
        LoadedPlugin taken = byName.get(name);
        if (taken != null) {
            return "the name '" + name + "' is already taken by " + taken;
        }
        for (String key : plugin.factory().moduleKeys()) {
            LoadedPlugin owner = byModuleKey.containsKey(key) ? byModuleKey.get(key) : byName.get(key);
            if (owner != null) {
                return "the Module key '" + key + "' is already claimed by " + owner;
            }
        }
        for (String key : plugin.factory().mappingKeys()) {
            if (byMappingKey.containsKey(key)) {
                return "the Mapping field '" + key + "' is already claimed by " + byMappingKey.get(key);
            }
        }
        for (String kindName : plugin.factory().resourceKinds()) {
            Optional<ResourceKind> kind = ResourceKind.of(kindName);
            if (kind.isEmpty() || !kind.get().claimable()) {
                return "it claims the kind '" + kindName + "', which is not a kind plugins may read (expected one of "
                        + claimableKinds() + ")";
            }
            if (byKind.containsKey(kind.get())) {
                return "the kind '" + kindName + "' is already claimed by " + byKind.get(kind.get());
            }
        }
        PluginSettings.Bound defaults = PluginSettings.defaults(plugin);
        return defaults.isValid() ? null : "its settings cannot be made from an empty object: " + defaults.problems();
    }

    private static String claimableKinds() {
        return String.join(", ", Arrays.stream(ResourceKind.values()).filter(ResourceKind::claimable)
                .map(ResourceKind::yamlName).toList());
    }

    /** In chain order. */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    public Optional<LoadedPlugin> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The plugin that claims a top-level key of the Module's {@code spec.config}. */
    public Optional<LoadedPlugin> claimingModuleKey(String key) {
        return Optional.ofNullable(byModuleKey.get(key));
    }

    /** The plugin that claims a top-level field of a Mapping's {@code spec}. */
    public Optional<LoadedPlugin> claimingMappingKey(String key) {
        return Optional.ofNullable(byMappingKey.get(key));
    }

    /** The plugin that reads resources of {@code kind}. */
    public Optional<LoadedPlugin> claimingKind(ResourceKind kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /** Jars and factories that failed to load or were refused, each naming its source; for {@code /readyz}. */
    public List<Problem> failures() {
        return failures;
    }
}
