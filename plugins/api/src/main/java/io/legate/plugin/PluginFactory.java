package io.legate.plugin;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The entry point of a plugin, found by {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/io.legate.plugin.PluginFactory}. The gateway finds factories on its class path and in
 * each {@code plugins/*.jar} (one class loader per jar). A factory that fails to load, or whose {@link #name()} is
 * already taken, is named in the log and in {@code /readyz} and skipped; the gateway keeps serving what does not
 * configure it (see below for what does).
 *
 * <h2>Settings</h2>
 * A plugin's settings are one record, {@link #settingsType()}, bound from YAML or JSON with {@code snake_case}
 * names ({@code stripAnyHostPort} reads {@code strip_any_host_port}); its components may be booleans, numbers,
 * strings, lists, maps and nested records. An unknown key or a wrong type is refused when the resource is written,
 * naming the field. Settings come from two places, each read into the same record:
 * <ul>
 *   <li>the {@code ambassador} Module: {@code spec.config.<name>}, plus the top-level keys of {@code spec.config}
 *       the plugin claims in {@link #moduleKeys()} (Emissary spells some settings there, such as
 *       {@code enable_grpc_web}). These settings make the plugin's {@link #filter filter}, which sees every
 *       request.</li>
 *   <li>a Mapping: {@code spec.plugins.<name>}, plus the top-level Mapping fields the plugin claims in
 *       {@link #mappingKeys()} (such as {@code headers}). These settings apply to the requests routed by that
 *       Mapping: the filter reads them with {@link Exchange#routeSettings}, and they may add a
 *       {@link #routeCondition routing condition}.</li>
 * </ul>
 * When neither place configures a plugin, its filter is made from the settings bound from an empty object.
 * A plugin may also claim whole resource kinds, {@link #resourceKinds()}, as the external authorization plugin
 * claims Emissary's {@code AuthService}: such a resource's {@code spec} is its settings instead of the Module's.
 * A Module or Mapping that names a plugin that is not loaded is refused when written. One written before the plugin
 * went away (stored, or in {@code conf/resources/}) still loads, but is never served without it: a Mapping's
 * requests, or for the Module every request, are answered 503 (gRPC {@code UNAVAILABLE}) naming the plugin, and
 * {@code /readyz} lists them under {@code unavailable}. An authentication or routing plugin left out would
 * otherwise let more requests through.
 *
 * <h2>Order</h2>
 * Filters run in ascending {@link #order()} for a request, and their {@link ResponseFilter}s in the reverse order
 * for its response; ties are broken by name. The built-in plugins use: host-port stripping 100, gRPC-Web (with
 * CORS) 200. Routing is done lazily, the first time a filter asks for the route or when the chain ends, so a
 * filter that changes the authority or a header before that changes what is routed.
 *
 * @param <S> the settings record
 */
public interface PluginFactory<S extends Record> {

    /** The plugin's unique name, in {@code snake_case}; also its key under the Module's {@code spec.config}. */
    String name();

    /** Where the plugin's filter runs in the chain: lower first. */
    int order();

    /** The settings record; its canonical constructor must accept the values bound from an empty object. */
    Class<S> settingsType();

    /** Top-level keys of the Module's {@code spec.config} that belong to this plugin's settings. */
    default Set<String> moduleKeys() {
        return Set.of();
    }

    /** Top-level fields of a Mapping's {@code spec} that belong to this plugin's settings. */
    default Set<String> mappingKeys() {
        return Set.of();
    }

    /**
     * Emissary resource kinds whose {@code spec} holds this plugin's settings, such as {@code AuthService}: the
     * spec's fields that are components of {@link #settingsType()} are bound as the Module's settings are, the
     * others are warned about and have no effect. A resource of such a kind makes the plugin's {@link #filter}
     * instead of the Module's settings; only one of a kind takes effect (the one whose name sorts first), and a second is warned about.
     * Without the plugin, such a resource is refused when written, and one written before refuses every request.
     * A kind the gateway reads itself (Mapping, Host, TLSContext, Module, Secret) cannot be claimed, nor one
     * another plugin claimed.
     */
    default Set<String> resourceKinds() {
        return Set.of();
    }

    /**
     * What is wrong with {@code settings}, each problem a sentence naming its field (for example
     * {@code "max_age: -5 (expected: >= 0)"}); empty when they are fine. Called when a resource is written or
     * loaded, before any {@link #filter} or {@link #routeCondition} is made from them.
     */
    default List<String> validate(S settings) {
        return List.of();
    }

    /**
     * The filter for the Module's settings, or empty when those settings leave it nothing to do (then the plugin
     * costs nothing per request). Made once for each configuration and shared by every request, so it must be
     * thread-safe; per-request state belongs in what it registers on the {@link Exchange}. If it throws, no request
     * is served without the plugin: every request is answered 503 (gRPC {@code UNAVAILABLE}) naming it, until a new
     * configuration lets it make its filter.
     */
    Optional<GatewayFilter> filter(S moduleSettings);

    /**
     * A condition a request must meet to be routed by a Mapping with these settings, or empty for none. Each
     * condition counts as {@link RouteCondition#specificity()} constraints when Mappings of the same precedence
     * and prefix are ordered. If it throws, that Mapping's requests are answered 503 (gRPC {@code UNAVAILABLE})
     * naming the plugin.
     */
    default Optional<RouteCondition> routeCondition(S mappingSettings) {
        return Optional.empty();
    }
}
