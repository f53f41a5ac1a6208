package io.legate.proxy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.legate.testing.Behaviour;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import io.legate.testing.UpstreamServer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP/2 flow control end to end: a caller that stops reading holds the upstream back, not the gateway's heap. */
class FlowControlTest {

    private static final int MESSAGE = 64 * 1024;
    private static final int MESSAGES = 1024;

    @Test
    void aReaderThatStopsReadingHoldsTheUpstreamBack() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start();
             Gateway gateway = Gateway.start(Mappings.grpc("flood", "/grpc.testing.SimpleService/", upstream.address()))) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext()
                    .flowControlWindow(1024 * 1024).maxInboundMessageSize(2 * MESSAGE).build();
            try {
                SlowReader reader = new SlowReader();
                SimpleServiceGrpc.newStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(Behaviour.of().with(Behaviour.FLOOD, true)
                                .with(Behaviour.RESPONSES, MESSAGES).with(Behaviour.RESPONSE_SIZE, MESSAGE).metadata()))
                        .serverStreamingRpc(SimpleRequest.getDefaultInstance(), reader);
                long aheadBytes = heldBack(upstream) * MESSAGE;
                assertTrue(aheadBytes < 8L * 1024 * 1024,
                        "the upstream sent " + aheadBytes / 1024 + " KiB to a caller that read 1 message: the gateway buffered it");

                reader.readEverything();
                assertEquals(Status.Code.OK, reader.status.get(30, TimeUnit.SECONDS).getCode());
                assertEquals(MESSAGES, reader.received.get());
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * How many messages the upstream sent once flow control stopped it: the count no longer grows over half a
     * second (the windows between it and the caller are full). Fails after 10 s of growth.
     */
    private static long heldBack(UpstreamServer upstream) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long seen = -1;
        long steadySince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = upstream.service().flooded();
            if (now != seen || now == 0) {
                seen = now;
                steadySince = System.nanoTime();
            } else if (System.nanoTime() - steadySince >= TimeUnit.MILLISECONDS.toNanos(500)) {
                return now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the upstream kept sending for 10 s to a caller that read 1 message: " + seen);
    }

    /** Takes one message, then nothing until told to read everything. */
    private static final class SlowReader implements ClientResponseObserver<SimpleRequest, SimpleResponse> {
        final AtomicInteger received = new AtomicInteger();
        final CompletableFuture<Status> status = new CompletableFuture<>();
        final AtomicReference<ClientCallStreamObserver<SimpleRequest>> call = new AtomicReference<>();

        @Override
        public void beforeStart(ClientCallStreamObserver<SimpleRequest> requestStream) {
            call.set(requestStream);
            requestStream.disableAutoRequestWithInitial(1);
        }

        void readEverything() {
            call.get().request(Integer.MAX_VALUE);
        }

        @Override
        public void onNext(SimpleResponse value) {
            received.incrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
            status.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            status.complete(Status.OK);
        }
    }
}
