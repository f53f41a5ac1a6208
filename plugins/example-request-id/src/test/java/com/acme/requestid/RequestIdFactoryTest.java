package com.acme.requestid;

import io.legate.plugin.PluginFactory;
import io.legate.pluginhost.PluginRegistry;
import io.legate.resource.model.Problem;
import io.legate.resource.ResourceLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings, their defaults and their validation, and the factory as the gateway finds it. */
class RequestIdFactoryTest {

    private final RequestIdFactory factory = new RequestIdFactory();

    /** The errors of the gateway's resource loader for the {@code ambassador} Module with {@code config}. */
    private static List<Problem> moduleErrors(String config) {
        String module = "apiVersion: getambassador.io/v3alpha1\nkind: Module\nmetadata:\n  name: ambassador\n"
                + "spec:\n  config:\n    " + config + "\n";
        return new ResourceLoader(PluginRegistry.classPath()).parse("test.yaml", module).errors();
    }

    @Test
    void theServiceLoaderFindsTheFactory() {
        assertTrue(ServiceLoader.load(PluginFactory.class).stream()
                .anyMatch(provider -> provider.type() == RequestIdFactory.class));
    }

    @Test
    void itIsNamedRequestIdAndRunsBeforeTheBuiltInPlugins() {
        assertEquals("request_id", factory.name());
        assertTrue(factory.order() < 100);
    }

    @Test
    void settingsBoundFromAnEmptyObjectStampAndEchoXRequestId() {
        RequestIdSettings defaults = new RequestIdSettings(null, null);
        assertEquals(new RequestIdSettings("x-request-id", true), defaults);
        assertEquals(List.of(), factory.validate(defaults));
    }

    @Test
    void aHeaderNameThatIsNotATokenIsRefusedNamingTheField() {
        List<String> problems = factory.validate(new RequestIdSettings("x request id", true));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("header: \"x request id\""), problems.get(0));
    }

    @Test
    void anEmptyHeaderNameIsRefused() {
        assertEquals(1, factory.validate(new RequestIdSettings("", true)).size());
    }

    @Test
    void theGatewayRefusesAModuleWithABadHeaderNamingWhereItIsWritten() {
        List<Problem> errors = moduleErrors("request_id: {header: \"x request id\"}");
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("spec.config.request_id", errors.get(0).field());
        assertTrue(errors.get(0).message().startsWith("header: \"x request id\" is not a header name"), errors.get(0).message());
    }

    @Test
    void theGatewayRefusesAnEchoThatIsNotABoolean() {
        List<Problem> errors = moduleErrors("request_id: {echo: sometimes}");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).message().startsWith("echo: "), errors.get(0).message());
    }

    @Test
    void aHeaderThatHttpOrGrpcOwnsIsRefused() {
        assertEquals(1, factory.validate(new RequestIdSettings("Content-Length", true)).size());
        assertEquals(1, factory.validate(new RequestIdSettings("grpc-status", true)).size());
        assertEquals(1, factory.validate(new RequestIdSettings(":authority", true)).size());
    }
}
