package io.legate.server;

import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.plugin.Chain;
import io.legate.plugin.Exchange;
import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import io.legate.pluginhost.PluginRegistry;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.RecordingObserver;
import io.legate.testing.UpstreamServer;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A plugin's filter is closed once a newer configuration replaced it and the calls it was filtering ended. */
class FilterLifecycleTest {

    /** Makes a filter per configuration, tagged by the Module's settings; tells which were closed. */
    static final class ClosingPlugin implements PluginFactory<ClosingPlugin.Settings> {
        record Settings(String tag) {
        }

        final BlockingQueue<String> closed = new LinkedBlockingQueue<>();

        @Override
        public String name() {
            return "closing";
        }

        @Override
        public int order() {
            return 10;
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public Optional<GatewayFilter> filter(Settings settings) {
            return Optional.of(new GatewayFilter() {
                @Override
                public void filter(Exchange exchange, Chain chain) {
                    chain.proceed();
                }

                @Override
                public void close() {
                    closed.add(settings.tag());
                }
            });
        }
    }

    private static String configuration(String tag, String upstream) {
        return """
                ---
                apiVersion: getambassador.io/v3alpha1
                kind: Module
                metadata:
                  name: ambassador
                spec:
                  config:
                    closing: {tag: %s}
                """.formatted(tag) + Mappings.grpc("simple", "/grpc.testing.SimpleService/", upstream);
    }

    @Test
    void aReplacedFilterIsClosedOnceItsLastCallEnded() throws Exception {
        ClosingPlugin plugin = new ClosingPlugin();
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.startWithResources(configuration("first", upstream.address()),
                     PluginRegistry.of(plugin))) {
            RecordingObserver<SimpleResponse> responses = new RecordingObserver<>();
            StreamObserver<SimpleRequest> requests = SimpleServiceGrpc.newStub(gateway.channel()).bidiStreamingRpc(responses);
            requests.onNext(SimpleRequest.newBuilder().setRequestMessage("open").build());
            assertEquals("open", responses.next(5).getResponseMessage());

            gateway.apply(configuration("second", upstream.address()));
            assertNull(plugin.closed.poll(200, TimeUnit.MILLISECONDS), "closed while a call it filtered was open");

            requests.onCompleted();
            responses.awaitStatus(5);
            assertEquals("first", plugin.closed.poll(5, TimeUnit.SECONDS));
        }
        assertEquals("second", plugin.closed.poll(5, TimeUnit.SECONDS), "the serving filter closes with the gateway");
    }
}
