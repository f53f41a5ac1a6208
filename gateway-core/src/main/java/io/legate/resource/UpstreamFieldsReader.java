package io.legate.resource;

import io.legate.routing.CircuitBreakers;
import io.legate.routing.HashCookie;
import io.legate.routing.HealthCheck;
import io.legate.routing.LoadBalancer;
import io.legate.routing.RetryPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads Emissary's {@code load_balancer}, {@code resolver}, {@code respect_dns_ttl}, {@code enable_ipv6},
 * {@code health_checks}, {@code retry_policy} and {@code circuit_breakers}, with Emissary's and Envoy's defaults
 * inside each (a field left out of a {@code health_checks} entry, of a {@code retry_policy}, ...). A bad value is
 * an error naming the field and the value.
 */
final class UpstreamFieldsReader {

    /** The fields of a Mapping read here. */
    static final Set<String> MAPPING_FIELDS = Set.of("load_balancer", "resolver", "respect_dns_ttl", "enable_ipv6",
            "health_checks", "retry_policy", "circuit_breakers", "cluster_max_connection_lifetime_ms");
    /** The keys of the {@code ambassador} Module read here: the defaults of every Mapping. */
    static final Set<String> MODULE_KEYS = Set.of("load_balancer", "resolver", "retry_policy", "circuit_breakers",
            "cluster_max_connection_lifetime_ms");

    /** RFC 6265's token: what a cookie name may be. */
    private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    /** RFC 6265's path-value: what goes between {@code Path=} and the next attribute. */
    private static final Pattern COOKIE_PATH = Pattern.compile("[\\x20-\\x3a\\x3c-\\x7e]*");
    private static final String POLICIES = "round_robin, least_request, ring_hash or maglev";
    private static final long INTERVAL_MS = 5_000;
    private static final long TIMEOUT_MS = 3_000;
    private static final int UNHEALTHY_THRESHOLD = 2;
    private static final int HEALTHY_THRESHOLD = 1;
    private static final String CONNECTION_LIFETIME = "cluster_max_connection_lifetime_ms";
    // Envoy's num_retries when a retry policy is given without one.
    private static final int NUM_RETRIES = 1;
    // Envoy's thresholds for a circuit breaker field left out.
    private static final int MAX_CONNECTIONS = 1024;
    private static final int MAX_PENDING_REQUESTS = 1024;
    private static final int MAX_REQUESTS = 1024;
    private static final int MAX_RETRIES = 3;

    private UpstreamFieldsReader() {
    }

    /** @param servicePort the port the Mapping's {@code service} names, 0 for none */
    static UpstreamFields readMapping(SpecFields f, int servicePort) {
        return new UpstreamFields(loadBalancer(f), f.string("resolver"), f.bool("respect_dns_ttl"),
                f.bool("enable_ipv6"), healthChecks(f), retryPolicy(f), circuitBreakers(f), servicePort,
                f.nonNegative(CONNECTION_LIFETIME).orElse(0));
    }

    static UpstreamFields readModule(SpecFields config) {
        return new UpstreamFields(loadBalancer(config), config.string("resolver"), false, false, List.of(),
                retryPolicy(config), circuitBreakers(config), 0, config.nonNegative(CONNECTION_LIFETIME).orElse(0));
    }

    private static LoadBalancer loadBalancer(SpecFields f) {
        SpecFields lb = f.object("load_balancer");
        if (lb == null) {
            return null;
        }
        lb.reportIgnored(Set.of("policy", "header", "cookie", "source_ip"), Set.of());
        String written = lb.string("policy");
        if (lb.present("policy") == null) {
            lb.error("policy", "required (expected " + POLICIES + ")");
        }
        String header = lb.string("header");
        HashCookie cookie = cookie(lb);
        boolean sourceIp = lb.bool("source_ip");
        if (written == null) {
            return null;
        }
        Optional<LoadBalancer.Policy> policy = Arrays.stream(LoadBalancer.Policy.values())
                .filter(p -> p.name().toLowerCase(Locale.ROOT).equals(written)).findFirst();
        if (policy.isEmpty()) {
            lb.error("policy", "\"" + written + "\" is not a load balancer policy (expected " + POLICIES + ")");
            return null;
        }
        // As Emissary checks it: what is written counts, even `source_ip: false`.
        long keys = Set.of("header", "cookie", "source_ip").stream().filter(k -> lb.present(k) != null).count();
        LoadBalancer result = new LoadBalancer(policy.get(), header, cookie, sourceIp);
        if (keys > 0 && !result.hashing()) {
            lb.error("policy", written + " takes no key: header, cookie and source_ip need ring_hash or maglev");
            return null;
        }
        if (keys > 1) {
            f.error("load_balancer", "at most one key of header, cookie and source_ip");
            return null;
        }
        return result;
    }

    private static HashCookie cookie(SpecFields lb) {
        SpecFields cookie = lb.object("cookie");
        if (cookie == null) {
            return null;
        }
        cookie.reportIgnored(Set.of("name", "ttl", "path"), Set.of());
        long ttlMs = EmissaryDuration.millis(cookie, "ttl", -1);
        String path = cookie.string("path");
        if (path != null && (!path.startsWith("/") || !COOKIE_PATH.matcher(path).matches())) {
            cookie.error("path", "\"" + path + "\" is not a cookie path (expected: /, then no ';' nor control "
                    + "characters)");
        }
        String name = cookie.string("name");
        if (cookie.present("name") == null) {
            cookie.error("name", "required");
        } else if (name != null && !COOKIE_NAME.matcher(name).matches()) {
            cookie.error("name", "\"" + name + "\" is not a cookie name (expected letters, digits and "
                    + "!#$%&'*+-.^_`|~)");
        }
        return name == null ? null : new HashCookie(name, ttlMs, path);
    }

    private static List<HealthCheck> healthChecks(SpecFields f) {
        List<HealthCheck> checks = new ArrayList<>();
        for (SpecFields entry : f.objects("health_checks")) {
            entry.reportIgnored(Set.of("interval", "timeout", "unhealthy_threshold", "healthy_threshold",
                    "health_check"), Set.of());
            long interval = EmissaryDuration.millis(entry, "interval", INTERVAL_MS);
            long timeout = EmissaryDuration.millis(entry, "timeout", TIMEOUT_MS);
            OptionalInt unhealthy = entry.nonNegative("unhealthy_threshold");
            OptionalInt healthy = entry.nonNegative("healthy_threshold");
            SpecFields specifier = entry.object("health_check");
            if (specifier == null) {
                if (entry.present("health_check") == null) {
                    entry.error("health_check", "required: {grpc: {upstream_name}} or {http: {path}}");
                }
                continue;
            }
            specifier.reportIgnored(Set.of("grpc", "http"), Set.of());
            SpecFields grpc = specifier.object("grpc");
            SpecFields http = specifier.object("http");
            if ((grpc == null) == (http == null)) {
                entry.error("health_check", "needs exactly one of grpc and http");
                continue;
            }
            HealthCheck.Grpc grpcCheck = grpc == null ? null : grpcCheck(grpc);
            HealthCheck.Http httpCheck = http == null ? null : httpCheck(http);
            if (interval >= 0 && timeout >= 0 && (grpcCheck != null || httpCheck != null)) {
                checks.add(new HealthCheck(interval, timeout, unhealthy.orElse(UNHEALTHY_THRESHOLD),
                        healthy.orElse(HEALTHY_THRESHOLD), grpcCheck, httpCheck));
            }
        }
        return checks;
    }

    private static HealthCheck.Grpc grpcCheck(SpecFields grpc) {
        grpc.reportIgnored(Set.of("upstream_name", "authority"), Set.of());
        String upstreamName = grpc.string("upstream_name");
        if (grpc.present("upstream_name") == null) {
            grpc.error("upstream_name", "required: the service grpc.health.v1.Health/Check asks about");
        }
        String authority = grpc.string("authority");
        return upstreamName == null ? null : new HealthCheck.Grpc(upstreamName, authority);
    }

    private static HealthCheck.Http httpCheck(SpecFields http) {
        http.reportIgnored(Set.of("path", "hostname", "expected_statuses"),
                Set.of("add_request_headers", "remove_request_headers"));
        String path = http.string("path");
        if (http.present("path") == null) {
            http.error("path", "required");
        } else if (path != null && !path.startsWith("/")) {
            http.error("path", "\"" + path + "\" must start with \"/\"");
            path = null;
        }
        String hostname = http.string("hostname");
        List<HealthCheck.StatusRange> ranges = new ArrayList<>();
        for (SpecFields range : http.objects("expected_statuses")) {
            range.reportIgnored(Set.of("min", "max"), Set.of());
            OptionalInt min = range.integer("min");
            OptionalInt max = range.integer("max");
            if (min.isEmpty() || max.isEmpty()) {
                range.error(min.isEmpty() ? "min" : "max", "required");
            } else if (min.getAsInt() < 100 || max.getAsInt() > 600 || min.getAsInt() >= max.getAsInt()) {
                range.error("max", "{min: " + min.getAsInt() + ", max: " + max.getAsInt()
                        + "} is not a range of statuses (expected 100 <= min < max <= 600; max is not included)");
            } else {
                ranges.add(new HealthCheck.StatusRange(min.getAsInt(), max.getAsInt()));
            }
        }
        return path == null ? null : new HealthCheck.Http(path, hostname, ranges);
    }

    private static RetryPolicy retryPolicy(SpecFields f) {
        SpecFields retry = f.object("retry_policy");
        if (retry == null) {
            return null;
        }
        retry.reportIgnored(Set.of("retry_on", "num_retries", "per_try_timeout"), Set.of("retry_back_off"));
        Set<RetryPolicy.RetryOn> retryOn = retryOn(retry);
        OptionalInt numRetries = retry.nonNegative("num_retries");
        long perTry = EmissaryDuration.millis(retry, "per_try_timeout", 0);
        if (retryOn == null || perTry < 0) {
            return null;
        }
        return new RetryPolicy(retryOn, numRetries.orElse(NUM_RETRIES), perTry);
    }

    private static Set<RetryPolicy.RetryOn> retryOn(SpecFields retry) {
        String written = retry.string("retry_on");
        if (written == null) {
            return retry.present("retry_on") == null ? Set.of() : null;
        }
        Set<RetryPolicy.RetryOn> result = EnumSet.noneOf(RetryPolicy.RetryOn.class);
        for (String name : written.split(",")) {
            String trimmed = name.strip();
            Optional<RetryPolicy.RetryOn> known = Arrays.stream(RetryPolicy.RetryOn.values())
                    .filter(r -> r.wireName().equals(trimmed)).findFirst();
            if (known.isEmpty()) {
                retry.error("retry_on", "\"" + trimmed + "\" is not a retry condition (expected any of "
                        + Arrays.stream(RetryPolicy.RetryOn.values()).map(RetryPolicy.RetryOn::wireName)
                        .collect(Collectors.joining(", ")) + ", comma-separated)");
                return null;
            }
            result.add(known.get());
        }
        return result;
    }

    /** The entry of the {@code default} priority (or none written); Legate has no other priority. */
    private static CircuitBreakers circuitBreakers(SpecFields f) {
        CircuitBreakers result = null;
        for (SpecFields entry : f.objects("circuit_breakers")) {
            entry.reportIgnored(Set.of("priority", "max_connections", "max_pending_requests", "max_requests",
                    "max_retries"), Set.of());
            String priority = entry.string("priority");
            if (priority != null && !priority.equals("default") && !priority.equals("high")) {
                entry.error("priority", "\"" + priority + "\" is not a priority (expected default or high)");
            }
            CircuitBreakers breakers = new CircuitBreakers(
                    entry.nonNegative("max_connections").orElse(MAX_CONNECTIONS),
                    entry.nonNegative("max_pending_requests").orElse(MAX_PENDING_REQUESTS),
                    entry.nonNegative("max_requests").orElse(MAX_REQUESTS),
                    entry.nonNegative("max_retries").orElse(MAX_RETRIES));
            if ("high".equals(priority)) {
                entry.warning("priority", "high " + SpecFields.NO_EFFECT + ": Legate has one priority, default");
            } else if (priority == null || priority.equals("default")) {
                if (result != null) {
                    entry.error("priority", "a second entry of the default priority (Envoy takes one)");
                }
                result = breakers;
            }
        }
        return result;
    }
}
