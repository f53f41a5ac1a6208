package io.legate.plugins.grpcweb;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NonGrpcResponseTest {

    @Test
    void httpStatusesMapToGrpcStatusesAsTheSpecTableSays() {
        Map<Integer, Integer> table = Map.of(400, 13, 401, 16, 403, 7, 404, 12, 429, 14, 502, 14, 503, 14, 504, 14,
                500, 2, 200, 2);
        table.forEach((http, grpc) -> assertEquals(grpc, NonGrpcResponse.grpcStatus(http), "HTTP " + http));
    }

    @Test
    void theBodyBecomesThePercentEncodedMessage() {
        NonGrpcResponse response = new NonGrpcResponse();
        response.keep(ByteBuffer.wrap("100% gone\né".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of("grpc-status", "12", "grpc-message", "100%25 gone%0A%C3%A9"), response.status(404));
    }

    @Test
    void noMoreThan16KiBOfTheBodyIsKept() {
        NonGrpcResponse response = new NonGrpcResponse();
        for (int i = 0; i < 5; i++) {
            response.keep(ByteBuffer.wrap("%".repeat(5000).getBytes(StandardCharsets.US_ASCII)));
        }
        // Kept: 16384 bytes, each '%' encoded as 3 characters; then cut to the message's bound, on a whole escape.
        String message = response.status(500).get("grpc-message");
        assertEquals(NonGrpcResponse.MAX_MESSAGE / 3 * 3, message.length());
        assertEquals("%25", message.substring(message.length() - 3));
    }

    @Test
    void keepingACutChunkTakesOnlyWhatFits() {
        NonGrpcResponse response = new NonGrpcResponse();
        ByteBuffer chunk = ByteBuffer.wrap(new byte[NonGrpcResponse.MAX_BODY + 10]);
        response.keep(chunk);
        assertEquals(10, chunk.remaining());
    }
}
