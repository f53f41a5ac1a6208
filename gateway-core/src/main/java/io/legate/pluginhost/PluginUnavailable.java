package io.legate.pluginhost;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A plugin that a resource configures cannot serve it: it is not loaded, or its factory failed. The resource's
 * requests are then refused with this message rather than served without the plugin, since an authentication or
 * routing plugin left out would quietly let more requests through.
 */
public final class PluginUnavailable extends RuntimeException {

    private PluginUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param resource the resource that configures them, as {@code Kind/name} */
    public static PluginUnavailable notLoaded(List<String> plugins, String resource) {
        String names = plugins.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
        return new PluginUnavailable((plugins.size() == 1 ? "plugin " + names + " is" : "plugins " + names + " are")
                + " not loaded (" + resource + " configures " + (plugins.size() == 1 ? "it" : "them") + ")", null);
    }

    /** @param what what the factory failed to make, e.g. {@code "its filter"} */
    public static PluginUnavailable failed(LoadedPlugin plugin, String what, RuntimeException cause) {
        return new PluginUnavailable("plugin '" + plugin.name() + "' failed to make " + what + ": " + cause, cause);
    }
}
