package io.legate.resource;

import io.legate.access.CallerPolicy;
import io.legate.resource.model.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the {@code ambassador} Module's {@code spec.config}: each key is a plugin's name, a key a plugin claims
 * (such as {@code strip_matching_host_port}), or one of Emissary's Module keys Legate does not act on (a warning).
 * Anything else is an error, since a plugin that is not there cannot apply it.
 */
final class ModuleSpecReader {

    /** Legate's own keys, beside Emissary's: a built-in plugin acts on them, and without it they have no effect. */
    private static final Set<String> LEGATE_KEYS = Set.of("strip_any_host_port");

    private static final String CLUSTER_REQUEST_TIMEOUT = "cluster_request_timeout_ms";
    /** Emissary's keys Legate reads itself. */
    private static final Set<String> ACTED_ON = acted();

    private ModuleSpecReader() {
    }

    private static Set<String> acted() {
        Set<String> keys = new HashSet<>(UpstreamFieldsReader.MODULE_KEYS);
        keys.add(CLUSTER_REQUEST_TIMEOUT);
        keys.addAll(Set.of(CallerPolicyReader.IP_ALLOW, CallerPolicyReader.IP_DENY,
                CallerPolicyReader.FORWARDED_PROTO_REDIRECT));
        return Set.copyOf(keys);
    }

    static ModuleSpec read(String name, JsonNode spec, Problems problems, PluginSettingsReader pluginSettings) {
        SpecFields fields = new SpecFields(spec, "spec", problems);
        fields.reportIgnored(Set.of("config"), EmissaryFields.listed().specFields(ResourceKind.MODULE));
        boolean global = ModuleSpec.GLOBAL_NAME.equals(name);
        SpecFields config = fields.object("config");
        if (config == null) {
            return new ModuleSpec(global, Map.of(), List.of(), OptionalInt.empty(), UpstreamFields.NONE, CallerPolicy.OPEN);
        }
        if (!global) {
            // Emissary's other Modules (such as the old `tls` one) hold no plugin settings: their keys are not read.
            problems.warning("metadata.name", "only the Module named '" + ModuleSpec.GLOBAL_NAME
                    + "' is read; this one " + SpecFields.NO_EFFECT);
            return new ModuleSpec(false, Map.of(), List.of(), OptionalInt.empty(), UpstreamFields.NONE, CallerPolicy.OPEN);
        }
        Set<String> settingKeys = new HashSet<>(EmissaryFields.listed().moduleKeys());
        settingKeys.addAll(LEGATE_KEYS);
        for (Iterator<String> keys = config.names(); keys.hasNext(); ) {
            String key = keys.next();
            if (settingKeys.contains(key) && !ACTED_ON.contains(key)
                    && pluginSettings.registry().claimingModuleKey(key).isEmpty()) {
                config.warning(key, SpecFields.NO_EFFECT);
            }
        }
        Map<String, Record> plugins = pluginSettings.read(config, config, settingKeys);
        return new ModuleSpec(true, plugins, pluginSettings.missing(), config.nonNegative(CLUSTER_REQUEST_TIMEOUT),
                UpstreamFieldsReader.readModule(config), CallerPolicyReader.read(config));
    }
}
