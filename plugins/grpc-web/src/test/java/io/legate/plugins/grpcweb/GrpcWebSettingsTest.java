package io.legate.plugins.grpcweb;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings as the gateway binds them (its PluginSettings): snake_case names, unknown keys refused. */
class GrpcWebSettingsTest {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static GrpcWebSettings bind(String yaml) throws Exception {
        return YAML.readValue(yaml, GrpcWebSettings.class);
    }

    @Test
    void anEmptyObjectEnablesNothing() throws Exception {
        GrpcWebSettings settings = bind("{}");
        assertFalse(settings.enableGrpcWeb());
        assertNull(settings.cors());
    }

    @Test
    void enableGrpcWebIsReadFromItsEmissaryName() throws Exception {
        assertTrue(bind("enable_grpc_web: true").enableGrpcWeb());
    }

    @Test
    void corsListsMayBeCommaSeparatedStrings() throws Exception {
        CorsPolicy policy = CorsPolicy.of(bind("""
                cors:
                  origins: http://a.example, https://b.example:8443
                  methods: POST,OPTIONS
                  headers: content-type,x-grpc-web
                  exposed_headers: x-request-id
                  max_age: "86400"
                """).cors());
        assertEquals(List.of("http://a.example", "https://b.example:8443"), policy.origins());
        assertEquals(List.of("POST", "OPTIONS"), policy.methods());
        assertEquals(List.of("content-type", "x-grpc-web"), policy.headers());
        assertEquals(List.of("x-request-id"), policy.exposedHeaders());
        assertEquals(86400L, policy.maxAge());
    }

    @Test
    void corsListsMayBeYamlLists() throws Exception {
        CorsPolicy policy = CorsPolicy.of(bind("""
                cors:
                  origins: ["http://a.example"]
                  methods: [POST, GET]
                  credentials: true
                  max_age: 600
                """).cors());
        assertEquals(List.of("http://a.example"), policy.origins());
        assertEquals(List.of("POST", "GET"), policy.methods());
        assertTrue(policy.credentials());
        assertEquals(600L, policy.maxAge());
    }

    @Test
    void anUnknownCorsKeyIsRefusedWithItsName() {
        UnrecognizedPropertyException refused = assertThrows(UnrecognizedPropertyException.class,
                () -> bind("cors: {origin: '*'}"));
        assertEquals("origin", refused.getPropertyName());
    }
}
