package io.legate.resource;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * The {@code ambassador} Module's {@code spec.config}: kept as written, but nothing in it takes effect yet, so each
 * setting is reported as such rather than silently ignored.
 */
final class ModuleSettings {

    /** Emissary's Module settings; any other key is reported as unknown. */
    private static final Set<String> EMISSARY_KEYS = Set.of(
            "strip_matching_host_port", "strip_any_host_port", "enable_grpc_web", "cors", "lua_scripts",
            "use_remote_address", "xff_num_trusted_hops", "server_name", "buffer_limit_bytes", "grpc_stats",
            "diagnostics", "add_linkerd_headers", "use_proxy_proto", "enable_http10", "listener_idle_timeout_ms",
            "circuit_breakers", "retry_policy", "load_balancer", "regex_type", "envoy_log_type", "envoy_log_format",
            "merge_slashes", "reject_requests_with_escaped_slashes", "preserve_external_request_id",
            "header_case_overrides", "max_request_headers_kb", "cluster_idle_timeout_ms", "error_response_overrides");

    private ModuleSettings() {
    }

    static void report(JsonNode spec, Problems problems) {
        SpecFields fields = new SpecFields(spec, "spec", problems);
        fields.reportUnknown(Set.of("config"), Set.of("ambassador_id"));
        SpecFields config = fields.object("config");
        if (config != null) {
            config.reportUnknown(Set.of(), EMISSARY_KEYS);
        }
    }
}
