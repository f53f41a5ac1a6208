package io.legate.proxy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.UpstreamServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Over HTTP/2 the host is the {@code :authority} pseudo-header: Mappings with a hostname route on it. */
class GrpcHostRoutingTest {

    private static UpstreamServer upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = UpstreamServer.start();
        gateway = Gateway.start(Mappings.grpc("api", "/grpc.testing.SimpleService/", upstream.address())
                .replace("hostname: \"*\"", "hostname: api.example.com"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    private static String call(String authority) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext()
                .overrideAuthority(authority).build();
        try {
            return SimpleServiceGrpc.newBlockingStub(channel)
                    .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("to " + authority).build()).getResponseMessage();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCallWhoseAuthorityMatchesTheHostnameIsRouted() throws Exception {
        assertEquals("to api.example.com", call("api.example.com"));
    }

    @Test
    void aCallForAnotherAuthorityIsNotRouted() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call("other.example.com"));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }

    @Test
    void anAuthorityWithAPortIsMatchedAsSentSoItDoesNotMatchAHostnameWithout() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call("api.example.com:443"));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }
}
