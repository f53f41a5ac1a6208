package io.legate.resource;

import io.legate.resource.model.ResourceKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The list of Emissary's fields that Legate accepts. The counts are pinned: a field added to or taken from
 * {@code emissary-crds.yaml} must change them here too, on purpose.
 */
class EmissaryFieldsTest {

    private final EmissaryFields listed = EmissaryFields.listed();

    @Test
    void everyKindOfEmissaryIsAResourceKindAndEveryResourceKindButKubernetesOnesIsEmissarys() {
        Set<String> kinds = Arrays.stream(ResourceKind.values()).map(ResourceKind::yamlName)
                .filter(kind -> !kind.equals("Secret") && !kind.equals("Endpoints")).collect(Collectors.toSet());

        assertEquals(kinds, listed.kinds());
    }

    @Test
    void theNumberOfFieldsOfEachKindIsPinned() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ResourceKind kind : ResourceKind.values()) {
            counts.put(kind.yamlName(), listed.specFields(kind).size());
        }

        assertEquals(new TreeMap<>(Map.ofEntries(
                Map.entry("Mapping", 69), Map.entry("Host", 11), Map.entry("TLSContext", 18), Map.entry("Module", 2),
                Map.entry("Secret", 0), Map.entry("Endpoints", 0), Map.entry("Listener", 9), Map.entry("AuthService", 20),
                Map.entry("RateLimitService", 12), Map.entry("TracingService", 10), Map.entry("LogService", 11),
                Map.entry("TCPMapping", 16), Map.entry("DevPortal", 8), Map.entry("KubernetesEndpointResolver", 1),
                Map.entry("KubernetesServiceResolver", 1), Map.entry("ConsulResolver", 3))), counts);
    }

    @Test
    void theNumberOfAmbassadorModuleKeysIsPinned() {
        assertEquals(64, listed.moduleKeys().size());
    }

    @Test
    void fieldsOnlyInEmissarysCrdAreListed() {
        assertTrue(listed.specFields(ResourceKind.MAPPING)
                .containsAll(Set.of("enable_ipv4", "priority", "use_websocket", "v3health_checks", "hostname")));
        assertTrue(listed.moduleKeys().containsAll(Set.of("keepalive", "cluster_request_timeout_ms", "ip_allow",
                "x_forwarded_proto_redirect", "defaults", "resolver", "liveness_probe")));
    }

    @Test
    void everyMappingFieldLegateActsOnIsEmissarysButItsOwnPluginSection() {
        Set<String> actedOn = Set.of("prefix", "prefix_exact", "prefix_regex", "rewrite", "regex_rewrite", "hostname",
                "host", "host_regex", "method", "service", "grpc", "tls", "timeout_ms", "idle_timeout_ms",
                "connect_timeout_ms", "precedence", "add_request_headers", "add_response_headers",
                "remove_request_headers", "remove_response_headers", "host_rewrite");

        assertTrue(listed.specFields(ResourceKind.MAPPING).containsAll(actedOn));
    }
}
