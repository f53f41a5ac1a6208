package io.legate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.pluginhost.PluginRegistry;
import io.legate.resource.model.Problem;
import io.legate.routing.CircuitBreakers;
import io.legate.routing.EndpointSource;
import io.legate.routing.HashCookie;
import io.legate.routing.HealthCheck;
import io.legate.routing.LoadBalancer;
import io.legate.routing.RetryPolicy;
import io.legate.routing.RetryPolicy.RetryOn;
import io.legate.routing.UpstreamPolicy;
import io.legate.snapshot.RouteTableFactory;
import io.legate.testing.Resources;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Emissary's upstream fields of a Mapping and of the ambassador Module, as read into each route's policy. */
class UpstreamPolicyFieldsTest {

    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void aMappingWithoutUpstreamFieldsHasTheDefaultPolicy() {
        assertEquals(UpstreamPolicy.DEFAULT, policy(mapping("")));
    }

    @Test
    void ringHashIsKeyedByTheHeaderWritten() {
        UpstreamPolicy policy = policy(mapping("load_balancer: {policy: ring_hash, header: x-user}"));

        assertEquals(new LoadBalancer(LoadBalancer.Policy.RING_HASH, "x-user", null, false), policy.loadBalancer());
    }

    @Test
    void maglevIsKeyedByTheCookieNamed() {
        UpstreamPolicy policy = policy(mapping("load_balancer: {policy: maglev, cookie: {name: session, ttl: 60s,"
                + " path: /app}}"));

        assertEquals(new LoadBalancer(LoadBalancer.Policy.MAGLEV, null, new HashCookie("session", 60_000, "/app"),
                false), policy.loadBalancer());
    }

    @Test
    void aHashCookieWithoutTtlIsNeverMade() {
        UpstreamPolicy policy = policy(mapping("load_balancer: {policy: ring_hash, cookie: {name: session}}"));

        assertEquals(new HashCookie("session", -1, null), policy.loadBalancer().cookie());
    }

    @Test
    void aHashCookiePathThatWouldAddAnAttributeIsAnError() {
        assertEquals("spec.load_balancer.cookie.path: \"/; Domain=example.com\" is not a cookie path (expected: /,"
                + " then no ';' nor control characters)", error(mapping(
                "load_balancer: {policy: ring_hash, cookie: {name: session, ttl: 60s, path: \"/; Domain=example.com\"}}")));
    }

    @Test
    void aHashCookieNameThatIsNoTokenIsAnError() {
        assertEquals("spec.load_balancer.cookie.name: \"a=b\" is not a cookie name (expected letters, digits and"
                + " !#$%&'*+-.^_`|~)", error(mapping("load_balancer: {policy: ring_hash, cookie: {name: \"a=b\", ttl: 1s}}")));
    }

    @Test
    void ringHashWithoutAKeyIsAccepted() {
        assertEquals(new LoadBalancer(LoadBalancer.Policy.RING_HASH, null, null, false),
                policy(mapping("load_balancer: {policy: ring_hash}")).loadBalancer());
    }

    @Test
    void theModulesLoadBalancerIsTheDefaultOfAMappingWithoutOne() {
        UpstreamPolicy policy = policy(module("load_balancer: {policy: least_request}") + mapping(""));

        assertEquals(LoadBalancer.Policy.LEAST_REQUEST, policy.loadBalancer().policy());
    }

    @Test
    void aMappingsOwnRetryPolicyWinsOverTheModules() {
        UpstreamPolicy policy = policy(module("retry_policy: {retry_on: 5xx, num_retries: 4}")
                + mapping("retry_policy: {retry_on: unavailable, num_retries: 2}"));

        assertEquals(new RetryPolicy(Set.of(RetryOn.UNAVAILABLE), 2, 0), policy.retry());
    }

    @Test
    void retryPolicyWithoutNumRetriesRetriesOnceAsEnvoy() {
        UpstreamPolicy policy = policy(mapping("""
                retry_policy:
                  retry_on: "gateway-error, reset,cancelled"
                  per_try_timeout: 0.5s"""));

        assertEquals(new RetryPolicy(Set.of(RetryOn.GATEWAY_ERROR, RetryOn.RESET, RetryOn.CANCELLED), 1, 500),
                policy.retry());
    }

    @Test
    void healthCheckFieldsLeftOutTakeEmissarysDefaults() {
        UpstreamPolicy policy = policy(mapping("""
                health_checks:
                - health_check:
                    grpc: {upstream_name: helloworld.Greeter}"""));

        assertEquals(List.of(new HealthCheck(5_000, 3_000, 2, 1, new HealthCheck.Grpc("helloworld.Greeter", null),
                null)), policy.healthChecks());
    }

    @Test
    void httpHealthCheckReadsDurationsAsEmissaryAndStatusRanges() {
        UpstreamPolicy policy = policy(mapping("""
                health_checks:
                - interval: 1m30s
                  timeout: 1.5s
                  unhealthy_threshold: 4
                  healthy_threshold: 3
                  health_check:
                    http:
                      path: /healthz
                      hostname: health.internal
                      expected_statuses: [{min: 200, max: 300}, {min: 418, max: 419}]"""));

        assertEquals(List.of(new HealthCheck(90_000, 1_500, 4, 3, null, new HealthCheck.Http("/healthz",
                "health.internal", List.of(new HealthCheck.StatusRange(200, 300), new HealthCheck.StatusRange(418,
                419))))), policy.healthChecks());
    }

    @Test
    void circuitBreakersTakeTheDefaultPriorityWithEnvoysDefaultsForFieldsLeftOut() {
        UpstreamPolicy policy = policy(mapping("""
                circuit_breakers:
                - {priority: high, max_connections: 5}
                - {max_requests: 50}"""));

        assertEquals(new CircuitBreakers(1024, 1024, 50, 3), policy.breakers());
    }

    @Test
    void anEmptyCircuitBreakerEntryIsEnvoysDefaults() {
        assertEquals(new CircuitBreakers(1024, 1024, 1024, 3),
                policy(mapping("circuit_breakers: [ {} ]")).breakers());
    }

    @Test
    void theEndpointResolverTakesTheEndpointsNamedByTheServiceHost() {
        UpstreamPolicy policy = policy(mapping("resolver: endpoint", "quote.shop:50051"));

        assertEquals(new EndpointSource.Endpoints("quote", "shop", 50051), policy.endpoints());
    }

    @Test
    void aKubernetesEndpointResolverWithoutNamespaceNorPortTakesTheMappingsNamespaceAndEachSubsetsPort() {
        UpstreamPolicy policy = policy(resolver("KubernetesEndpointResolver", "endpoints")
                + mapping("resolver: endpoints", "quote").replace("  name: m\n", "  name: m\n  namespace: shop\n"));

        assertEquals(new EndpointSource.Endpoints("quote", "shop", 0), policy.endpoints());
    }

    @Test
    void theModulesResolverIsTheDefaultOfEveryMapping() {
        UpstreamPolicy policy = policy(module("resolver: endpoint") + mapping("", "quote:8080"));

        assertEquals(new EndpointSource.Endpoints("quote", null, 8080), policy.endpoints());
    }

    @Test
    void aKubernetesServiceResolverResolvesByDnsAsAskedFor() {
        UpstreamPolicy policy = policy(resolver("KubernetesServiceResolver", "dns")
                + mapping("resolver: dns\nrespect_dns_ttl: true\nenable_ipv6: true"));

        assertEquals(new EndpointSource.Dns(true, true), policy.endpoints());
    }

    @Test
    void aResolverThatNamesNothingIsAWarningAndDnsIsUsed() {
        LoadResult loaded = loader.parse("m.yaml", mapping("resolver: nowhere"));

        assertEquals(EndpointSource.DNS, policy(mapping("resolver: nowhere")).endpoints());
        assertEquals(List.of("m.yaml: Mapping/m: spec.resolver: no KubernetesEndpointResolver, "
                        + "KubernetesServiceResolver or ConsulResolver is named nowhere: the service is resolved by DNS"),
                ResourceSet.check(loaded.resources()).stream().map(Problem::toString).toList());
    }

    @Test
    void aConsulResolverIsAWarningThatItHasNoEffect() {
        LoadResult loaded = loader.parse("m.yaml", resolver("ConsulResolver", "consul-dc1")
                + mapping("resolver: consul-dc1"));

        Problem problem = ResourceSet.check(loaded.resources()).get(0);
        assertEquals(Problem.Severity.WARNING, problem.severity());
        assertEquals("ConsulResolver/consul-dc1 has no effect in Legate (kept as written): the service is resolved by"
                + " DNS", problem.message());
    }

    @Test
    void theUpstreamFieldsNoLongerWarnThatTheyHaveNoEffect() {
        LoadResult loaded = loader.parse("m.yaml", module("load_balancer: {policy: round_robin}\nresolver: endpoint"
                + "\nretry_policy: {}\ncircuit_breakers: [{}]") + mapping("""
                load_balancer: {policy: ring_hash, source_ip: true}
                resolver: endpoint
                respect_dns_ttl: true
                enable_ipv6: false
                health_checks: [{health_check: {http: {path: /}}}]
                retry_policy: {retry_on: 5xx}
                circuit_breakers: [{priority: default}]"""));

        assertEquals(List.of(), loaded.problems());
    }

    @Test
    void anUnknownPolicyIsAnErrorNamingTheFieldAndTheValue() {
        assertEquals("spec.load_balancer.policy: \"random\" is not a load balancer policy (expected round_robin,"
                + " least_request, ring_hash or maglev)", error(mapping("load_balancer: {policy: random}")));
    }

    @Test
    void aKeyWithRoundRobinIsAnErrorAsInEmissary() {
        assertEquals("spec.load_balancer.policy: round_robin takes no key: header, cookie and source_ip need"
                + " ring_hash or maglev", error(mapping("load_balancer: {policy: round_robin, header: x-user}")));
    }

    @Test
    void anUnknownRetryConditionIsAnErrorListingTheKnownOnes() {
        assertEquals("spec.retry_policy.retry_on: \"5xx-ish\" is not a retry condition (expected any of 5xx,"
                        + " gateway-error, connect-failure, retriable-4xx, refused-stream, retriable-status-codes, reset,"
                        + " cancelled, deadline-exceeded, internal, resource-exhausted, unavailable, comma-separated)",
                error(mapping("retry_policy: {retry_on: \"5xx,5xx-ish\"}")));
    }

    @Test
    void aNegativeCountIsAnError() {
        assertEquals("spec.retry_policy.num_retries: -1 (expected: >= 0)",
                error(mapping("retry_policy: {retry_on: 5xx, num_retries: -1}")));
    }

    @Test
    void aBadDurationIsAnErrorNamingTheFieldAndTheValue() {
        assertEquals("spec.health_checks[0].interval: \"5 seconds\" is not a duration such as \"10s\", \"1.5s\" or"
                + " \"100ms\"", error(mapping("health_checks: [{interval: 5 seconds, health_check: {grpc: "
                + "{upstream_name: x}}}]")));
    }

    @Test
    void aHealthCheckWithBothGrpcAndHttpIsAnError() {
        assertEquals("spec.health_checks[0].health_check: needs exactly one of grpc and http",
                error(mapping("health_checks: [{health_check: {grpc: {upstream_name: x}, http: {path: /}}}]")));
    }

    @Test
    void aStatusRangeBackwardsIsAnError() {
        assertEquals("spec.health_checks[0].health_check.http.expected_statuses[0].max: {min: 300, max: 200} is not a"
                        + " range of statuses (expected 100 <= min < max <= 600; max is not included)",
                error(mapping("health_checks: [{health_check: {http: {path: /, expected_statuses: "
                        + "[{min: 300, max: 200}]}}}]")));
    }

    private UpstreamPolicy policy(String yaml) {
        LoadResult result = loader.parse("m.yaml", yaml);
        assertEquals(List.of(), result.errors());
        return RouteTableFactory.build(result.resources(), PluginRegistry.classPath()).routes().get(0).action()
                .policy();
    }

    /** The one error of {@code yaml}, as field: message. */
    private String error(String yaml) {
        List<Problem> errors = loader.parse("m.yaml", yaml).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).isError());
        return errors.get(0).field() + ": " + errors.get(0).message();
    }

    private static String mapping(String spec) {
        return mapping(spec, "backend:8080");
    }

    private static String mapping(String spec, String service) {
        return """
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata:
                  name: m
                spec:
                  prefix: /
                  service: %s
                """.formatted(service) + spec.indent(2);
    }

    private static String module(String config) {
        return Resources.ambassadorModule(config.split("\n"));
    }

    private static String resolver(String kind, String name) {
        return """
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: %s
                metadata:
                  name: %s
                """.formatted(kind, name);
    }
}
