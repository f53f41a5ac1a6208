package io.legate.resource;

import io.legate.routing.HeaderValue;
import io.legate.routing.Upstream;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The {@code spec} of an Emissary Mapping, as written: defaults that depend on other fields
 * (rewrite, timeouts) are resolved when the route table is built, not here.
 *
 * @param rewrite      null when absent; {@code ""} keeps the path
 * @param regexRewrite null when absent
 * @param hostname     null when absent
 * @param host         the deprecated exact (or, with {@code hostRegex}, regex) host; null when absent.
 *                     Ignored when {@code hostname} is set, as in Emissary
 * @param method       null when absent (any method)
 * @param tls          the TLSContext to originate TLS with, or null
 * @param plugins      the plugin settings it writes ({@code spec.plugins} and the fields plugins claim, such as
 *                     {@code headers}), by plugin name, bound and validated
 * @param weight       the canary share, a percentage of the requests its canary group gets
 * @param missingPlugins the plugins it configures that are not loaded: while there are any, it is not served
 * @param upstream     how its calls reach the service's endpoints, as written
 */
public record MappingSpec(
        String prefix,
        boolean prefixExact,
        boolean prefixRegex,
        String rewrite,
        RegexRewrite regexRewrite,
        String hostname,
        String host,
        boolean hostRegex,
        String method,
        Upstream service,
        boolean grpc,
        String tls,
        OptionalInt timeoutMs,
        OptionalInt idleTimeoutMs,
        OptionalInt connectTimeoutMs,
        int precedence,
        List<HeaderValue> addRequestHeaders,
        List<String> removeRequestHeaders,
        List<HeaderValue> addResponseHeaders,
        List<String> removeResponseHeaders,
        String hostRewrite,
        Map<String, Record> plugins,
        OptionalInt weight,
        List<String> missingPlugins,
        UpstreamFields upstream) implements TypedSpec {

    public MappingSpec {
        addRequestHeaders = List.copyOf(addRequestHeaders);
        removeRequestHeaders = List.copyOf(removeRequestHeaders);
        addResponseHeaders = List.copyOf(addResponseHeaders);
        removeResponseHeaders = List.copyOf(removeResponseHeaders);
        plugins = Map.copyOf(plugins);
        missingPlugins = List.copyOf(missingPlugins);
    }

    /** Emissary's {@code regex_rewrite}; {@code substitution} uses Envoy's {@code \1} group syntax. */
    public record RegexRewrite(String pattern, String substitution) {
    }
}
