package com.acme.requestid;

import io.legate.plugin.PluginFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings, their defaults and their validation, and the factory as the gateway finds it. */
class RequestIdFactoryTest {

    private final RequestIdFactory factory = new RequestIdFactory();

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
    void aHeaderThatHttpOrGrpcOwnsIsRefused() {
        assertEquals(1, factory.validate(new RequestIdSettings("Content-Length", true)).size());
        assertEquals(1, factory.validate(new RequestIdSettings("grpc-status", true)).size());
        assertEquals(1, factory.validate(new RequestIdSettings(":authority", true)).size());
    }
}
