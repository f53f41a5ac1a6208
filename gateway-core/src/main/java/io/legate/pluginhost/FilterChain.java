package io.legate.pluginhost;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filters every request goes through, in chain order: one per plugin whose Module settings leave it
 * something to do. Immutable; made anew with each configuration and swapped with the route table. A plugin whose
 * settings did not change keeps its filter, so that a filter holding clients keeps them across changes to other
 * resources; a filter no newer chain uses is closed.
 */
public record FilterChain(List<Link> links) {

    private static final Logger LOG = LoggerFactory.getLogger(FilterChain.class);

    public static final FilterChain EMPTY = new FilterChain(List.of());

    /** One filter, the name of the plugin that made it (for the errors that must name it) and its settings. */
    public record Link(String plugin, Record settings, GatewayFilter filter) {
    }

    public FilterChain {
        links = List.copyOf(links);
    }

    /**
     * The chain of the plugins of {@code registry}, each with its settings in {@code moduleSettings} (by plugin
     * name, already validated) or else its defaults. A factory that throws is logged and left out of the chain.
     */
    public static FilterChain of(PluginRegistry registry, Map<String, Record> moduleSettings) {
        return of(registry, moduleSettings, EMPTY);
    }

    /** As {@link #of(PluginRegistry, Map)}, keeping the filters of {@code current} whose settings are the same. */
    public static FilterChain of(PluginRegistry registry, Map<String, Record> moduleSettings, FilterChain current) {
        List<Link> links = new ArrayList<>();
        for (LoadedPlugin plugin : registry.plugins()) {
            Record settings = moduleSettings.get(plugin.name());
            try {
                if (settings == null) {
                    settings = PluginSettings.defaults(plugin).settings();
                }
                Optional<Link> same = current.link(plugin.name(), settings);
                if (same.isPresent()) {
                    links.add(same.get());
                    continue;
                }
                Record made = settings;
                filter(plugin.factory(), settings).ifPresent(filter -> links.add(new Link(plugin.name(), made, filter)));
            } catch (RuntimeException e) {
                LOG.error("plugin {} failed to make its filter; requests go on without it", plugin, e);
            }
        }
        return new FilterChain(links);
    }

    @SuppressWarnings("unchecked")
    private static <S extends Record> Optional<GatewayFilter> filter(PluginFactory<S> factory, Record settings) {
        return factory.filter((S) settings);
    }

    private Optional<Link> link(String plugin, Record settings) {
        return links.stream().filter(l -> l.plugin().equals(plugin) && l.settings().equals(settings)).findFirst();
    }

    /** Closes the filters of this chain that {@code next} does not keep; requests they are filtering go on. */
    public void closeReplacedBy(FilterChain next) {
        for (Link link : links) {
            if (next.links.stream().noneMatch(kept -> kept.filter() == link.filter())) {
                try {
                    link.filter().close();
                } catch (RuntimeException e) {
                    LOG.warn("plugin '{}' failed to close its filter", link.plugin(), e);
                }
            }
        }
    }

    public boolean isEmpty() {
        return links.isEmpty();
    }
}
