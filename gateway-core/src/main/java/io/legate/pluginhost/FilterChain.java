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
 * something to do. Immutable; made anew with each configuration and swapped with the route table.
 */
public record FilterChain(List<Link> links) {

    private static final Logger LOG = LoggerFactory.getLogger(FilterChain.class);

    public static final FilterChain EMPTY = new FilterChain(List.of());

    /** One filter and the name of the plugin that made it, for the errors that must name it. */
    public record Link(String plugin, GatewayFilter filter) {
    }

    public FilterChain {
        links = List.copyOf(links);
    }

    /**
     * The chain of the plugins of {@code registry}, each with its settings in {@code moduleSettings} (by plugin
     * name, already validated) or else its defaults.
     *
     * @throws PluginUnavailable when a factory throws: no chain may run without one of its plugins
     */
    public static FilterChain of(PluginRegistry registry, Map<String, Record> moduleSettings) {
        List<Link> links = new ArrayList<>();
        for (LoadedPlugin plugin : registry.plugins()) {
            Record settings = moduleSettings.get(plugin.name());
            try {
                if (settings == null) {
                    settings = PluginSettings.defaults(plugin).settings();
                }
                filter(plugin.factory(), settings).ifPresent(filter -> links.add(new Link(plugin.name(), filter)));
            } catch (RuntimeException e) {
                LOG.error("plugin {} failed to make its filter; every request is refused (503) until it can", plugin, e);
                throw PluginUnavailable.failed(plugin, "its filter", e);
            }
        }
        return new FilterChain(links);
    }

    @SuppressWarnings("unchecked")
    private static <S extends Record> Optional<GatewayFilter> filter(PluginFactory<S> factory, Record settings) {
        return factory.filter((S) settings);
    }

    public boolean isEmpty() {
        return links.isEmpty();
    }

    /** Closes every filter, once no request uses the chain any more; a filter that fails to close is logged. */
    public void close() {
        for (Link link : links) {
            try {
                link.filter().close();
            } catch (RuntimeException e) {
                LOG.warn("plugin {} failed to close its filter", link.plugin(), e);
            }
        }
    }
}
