package io.legate.resource;

/**
 * The {@code spec} of a resource whose kind a plugin claims (such as {@code AuthService}): that plugin's settings.
 *
 * @param plugin   the name of the plugin that claims the kind
 * @param settings its settings, bound and validated
 */
public record PluginResourceSpec(String plugin, Record settings) implements TypedSpec {
}
