package io.legate.plugins.authservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.pluginhost.PluginRegistry;
import io.legate.resource.LoadResult;
import io.legate.resource.model.Problem;
import io.legate.resource.ResourceLoader;
import io.legate.resource.ResourceSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AuthService resources and Mapping fields as the gateway's loader reads them, Emissary's own examples first. */
class AuthServiceResourceTest {

    private static LoadResult load(String yaml) {
        return new ResourceLoader(PluginRegistry.classPath()).parse("auth.yaml", yaml);
    }

    @Test
    void emissarysBasicAuthExampleLoadsAsWritten() {
        LoadResult loaded = load("""
                apiVersion: getambassador.io/v3alpha1
                kind: AuthService
                metadata:
                  name: authentication
                spec:
                  auth_service: "example-auth:3000"
                  path_prefix: "/extauth"
                  allowed_request_headers:
                  - "x-qotm-session"
                  allowed_authorization_headers:
                  - "x-qotm-session"
                """);
        assertEquals(List.of(), loaded.problems());
    }

    @Test
    void includeBodyIsWarnedAboutAndTheServiceStillApplies() {
        LoadResult loaded = load("""
                apiVersion: getambassador.io/v2
                kind: AuthService
                metadata: {name: authentication}
                spec:
                  auth_service: "example-auth:3000"
                  include_body: {max_bytes: 4096, allow_partial: true}
                """);
        assertEquals(List.of(), loaded.errors());
        assertEquals("auth.yaml: AuthService/authentication: spec.include_body: not read by plugin 'auth_service'"
                + " (kept, but has no effect)", loaded.warnings().get(0).toString());
        assertEquals(1, loaded.resources().size());
    }

    @Test
    void aBadValueIsAnErrorNamingTheResourceAndField() {
        LoadResult loaded = load("""
                apiVersion: getambassador.io/v3alpha1
                kind: AuthService
                metadata: {name: authentication}
                spec: {auth_service: "example-auth:3000", timeout_ms: -1}
                """);
        assertEquals(List.of("auth.yaml: AuthService/authentication: spec: timeout_ms: -1 (expected: > 0)"),
                loaded.errors().stream().map(Problem::toString).toList());
    }

    @Test
    void aSecondAuthServiceIsAnErrorNamingTheFirst() {
        LoadResult loaded = load("""
                apiVersion: getambassador.io/v3alpha1
                kind: AuthService
                metadata: {name: second}
                spec: {auth_service: "b:3000"}
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: AuthService
                metadata: {name: first}
                spec: {auth_service: "a:3000"}
                """);
        List<Problem> problems = ResourceSet.check(loaded.resources());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).toString().startsWith("auth.yaml: AuthService/second: kind: only one AuthService"
                + " takes effect, and AuthService/first is it"), problems.toString());
    }

    @Test
    void aMappingsBypassAuthIsReadByThePlugin() {
        LoadResult loaded = load("""
                apiVersion: getambassador.io/v3alpha1
                kind: Mapping
                metadata: {name: open}
                spec: {prefix: /open/, service: open:80, bypass_auth: true}
                """);
        assertEquals(List.of(), loaded.problems());
    }
}
