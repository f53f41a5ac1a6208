package io.legate.resource;

import io.legate.resource.model.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import io.legate.routing.HeaderValue;
import io.legate.hostname.HostMatcher;
import io.legate.routing.PathMatcher;
import io.legate.routing.PathRewrite;
import io.legate.routing.Upstream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.PatternSyntaxException;

/** Reads and checks the {@code spec} of a Mapping (Emissary's snake_case field names). */
final class MappingSpecReader {

    private static final Set<String> IMPLEMENTED = Set.of(
            "prefix", "prefix_exact", "prefix_regex", "rewrite", "regex_rewrite", "hostname", "host", "host_regex",
            "method", "service", "grpc", "tls", "timeout_ms", "idle_timeout_ms", "connect_timeout_ms", "precedence",
            "add_request_headers", "add_response_headers", "remove_request_headers", "remove_response_headers",
            "host_rewrite", "plugins", "weight");

    private MappingSpecReader() {
    }

    static MappingSpec read(JsonNode spec, Problems problems, PluginSettingsReader pluginSettings) {
        SpecFields f = new SpecFields(spec, "spec", problems);
        String hostname = f.string("hostname");
        String host = f.string("host");
        boolean hostRegex = f.bool("host_regex");
        if (hostname != null && host != null) {
            f.warning("host", "ignored because spec.hostname is set (host is deprecated; as in Emissary, hostname wins)");
        }
        boolean prefixExact = f.bool("prefix_exact");
        boolean prefixRegex = f.bool("prefix_regex");
        MappingSpec result = new MappingSpec(
                prefix(f, prefixExact, prefixRegex), prefixExact, prefixRegex,
                rewrite(f), regexRewrite(f),
                checked(f, "hostname", hostname, HostMatcher::glob),
                hostname == null && hostRegex ? checked(f, "host", host, HostMatcher::regex) : host,
                hostRegex,
                f.string("method"),
                service(f, problems),
                f.bool("grpc"),
                tlsContext(f),
                f.nonNegative("timeout_ms"), f.nonNegative("idle_timeout_ms"), f.nonNegative("connect_timeout_ms"),
                f.integer("precedence").orElse(0),
                headerValues(f, "add_request_headers"), f.strings("remove_request_headers"),
                headerValues(f, "add_response_headers"), f.strings("remove_response_headers"),
                f.string("host_rewrite"),
                pluginSettings.read(f.object("plugins"), f, Set.of()),
                f.nonNegative("weight"),
                pluginSettings.missing(),
                UpstreamFieldsReader.readMapping(f, servicePort(f)));
        Set<String> known = new HashSet<>(IMPLEMENTED);
        known.addAll(UpstreamFieldsReader.MAPPING_FIELDS);
        pluginSettings.registry().plugins().forEach(plugin -> known.addAll(plugin.factory().mappingKeys()));
        f.reportIgnored(known, EmissaryFields.listed().specFields(ResourceKind.MAPPING));
        return result;
    }

    private static String prefix(SpecFields f, boolean exact, boolean regex) {
        if (f.present("prefix") == null) {
            f.error("prefix", "required");
            return null;
        }
        if (exact && regex) {
            f.error("prefix_exact", "prefix_exact and prefix_regex cannot both be true");
        }
        String prefix = f.string("prefix");
        return regex ? checked(f, "prefix", prefix, PathMatcher::regex) : prefix;
    }

    private static String rewrite(SpecFields f) {
        String rewrite = f.string("rewrite");
        if (rewrite != null && !rewrite.isEmpty() && !rewrite.startsWith("/")) {
            f.error("rewrite", "\"" + rewrite + "\" must start with \"/\" (or be \"\" to keep the path)");
            return null;
        }
        return rewrite;
    }

    private static MappingSpec.RegexRewrite regexRewrite(SpecFields f) {
        SpecFields r = f.object("regex_rewrite");
        if (r == null) {
            return null;
        }
        String pattern = r.string("pattern");
        String substitution = r.string("substitution");
        if (pattern == null || substitution == null) {
            f.error("regex_rewrite", "needs both pattern and substitution");
            return null;
        }
        if (checked(r, "pattern", pattern, p -> PathRewrite.regex(p, substitution)) == null) {
            return null;
        }
        return new MappingSpec.RegexRewrite(pattern, substitution);
    }

    private static Upstream service(SpecFields f, Problems problems) {
        if (f.present("service") == null) {
            f.error("service", "required");
            return null;
        }
        String service = f.string("service");
        if (service == null) {
            return null;
        }
        Upstream upstream = ServiceAddress.parse(service, problems, originatesTls(f));
        if (upstream != null && originatesTls(f) && !upstream.secure()) {
            f.error("tls", "true asks for TLS, but spec.service says \"" + service + "\": drop its http://");
            return null;
        }
        return upstream;
    }

    /** The port {@code service} names, 0 when it names none: then each Endpoints subset's own port is used. */
    private static int servicePort(SpecFields f) {
        JsonNode service = f.present("service");
        return service != null && service.isTextual() ? ServiceAddress.writtenPort(service.textValue()) : 0;
    }

    /** {@code tls: true} of {@code getambassador.io/v2}: originate TLS, as {@code https://} in the service does. */
    private static boolean originatesTls(SpecFields f) {
        JsonNode tls = f.present("tls");
        return tls != null && tls.isBoolean() && tls.booleanValue();
    }

    /** The TLSContext {@code tls} names; null for none and for v2's {@code tls: true} or {@code false}. */
    private static String tlsContext(SpecFields f) {
        JsonNode tls = f.present("tls");
        if (tls == null || tls.isBoolean()) {
            return null;
        }
        return tls.isTextual() ? tls.textValue() : f.wrongType("tls", tls, "the name of a TLSContext, or true");
    }

    /** {@code name → value} or {@code name → {value, append}}; {@code append} defaults to true, as in Emissary. */
    private static List<HeaderValue> headerValues(SpecFields f, String field) {
        SpecFields map = f.object(field);
        if (map == null) {
            return List.of();
        }
        List<HeaderValue> result = new ArrayList<>();
        for (Iterator<String> names = map.names(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = map.present(name);
            if (value == null) {
                // Kubernetes drops a null before Emissary sees it.
                map.warning(name, "no value: ignored, as Kubernetes ignores it");
            } else if (value.isTextual()) {
                result.add(new HeaderValue(name, value.textValue(), true));
            } else if (value.isObject()) {
                SpecFields entry = map.object(name);
                String text = entry.string("value");
                if (entry.present("value") == null) {
                    entry.error("value", "required");
                } else if (text != null) {
                    result.add(new HeaderValue(name, text, entry.present("append") == null || entry.bool("append")));
                }
            } else {
                map.wrongType(name, value, "a string or {value, append}");
            }
        }
        return result;
    }

    /** {@code value}, or null after an error when {@code compile} rejects it (a bad regex or glob). */
    private static String checked(SpecFields f, String field, String value, Function<String, ?> compile) {
        if (value == null) {
            return null;
        }
        try {
            compile.apply(value);
            return value;
        } catch (PatternSyntaxException e) {
            f.error(field, "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        } catch (IllegalArgumentException e) {
            f.error(field, e.getMessage());
        }
        return null;
    }
}
