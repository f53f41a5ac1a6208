package io.legate.resource;

/**
 * The {@code spec} of a resource whose kind a plugin claims (such as {@code AuthService}): that plugin's settings.
 *
 * @param plugin   the name of the plugin that claims the kind; null when none is loaded (the gateway then refuses
 *                 every request rather than serve without it)
 * @param settings its settings, bound and validated; null without a plugin
 */
public record PluginResourceSpec(String plugin, Record settings) implements TypedSpec {
}
