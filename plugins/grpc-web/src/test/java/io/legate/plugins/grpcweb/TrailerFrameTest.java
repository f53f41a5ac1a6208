package io.legate.plugins.grpcweb;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.legate.plugins.grpcweb.Frames.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class TrailerFrameTest {

    @Test
    void trailersAreNameColonValueLinesInAFrameFlagged0x80() {
        Map<String, String> trailers = new LinkedHashMap<>();
        trailers.put("grpc-status", "0");
        trailers.put("grpc-message", "ok");
        // Envoy's test vector, byte for byte.
        assertArrayEquals(Frames.concat(new byte[] {(byte) 0x80, 0, 0, 0, 0x20}, ascii("grpc-status:0\r\ngrpc-message:ok\r\n")),
                TrailerFrame.of(trailers));
    }

    @Test
    void namesAreLowerCased() {
        assertArrayEquals(Frames.frame(0x80, ascii("x-custom-bin:AAE=\r\n")), TrailerFrame.of(Map.of("X-Custom-Bin", "AAE=")));
    }

    @Test
    void noTrailersMakeAnEmptyTrailerFrame() {
        assertArrayEquals(new byte[] {(byte) 0x80, 0, 0, 0, 0}, TrailerFrame.of(Map.of()));
    }
}
