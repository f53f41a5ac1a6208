package io.legate.plugins.grpcweb;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Base64;

import static io.legate.plugins.grpcweb.Frames.ascii;
import static io.legate.plugins.grpcweb.Frames.concat;
import static io.legate.plugins.grpcweb.Frames.split;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Base64RequestDecoderTest {

    /** 22 bytes: its base64 ends with "==" padding. */
    private static final byte[] FRAME = Frames.data("grpc-web-text-data");
    private static final byte[] TEXT = ascii(Base64.getEncoder().encodeToString(FRAME));

    private static byte[] decode(byte[]... chunks) {
        FakeExchange exchange = new FakeExchange("POST", "/s/m");
        exchange.transformRequestBody(new Base64RequestDecoder());
        return exchange.sendBody(chunks);
    }

    @Test
    void aBodyInOneChunkDecodesToTheFrame() {
        assertArrayEquals(FRAME, decode(TEXT));
    }

    @Test
    void aBodySplitInTwoAtEveryOffsetDecodesToTheSameBytes() {
        for (int cut = 0; cut <= TEXT.length; cut++) {
            assertArrayEquals(FRAME, decode(split(TEXT, cut)), "cut at " + cut);
        }
    }

    @Test
    void aBodySplitInThreeAtEveryPairOfOffsetsDecodesToTheSameBytes() {
        for (int first = 0; first <= TEXT.length; first++) {
            for (int second = first; second <= TEXT.length; second++) {
                assertArrayEquals(FRAME, decode(split(TEXT, first, second)), "cuts at " + first + ", " + second);
            }
        }
    }

    @Test
    void paddingAtTheEndOfAGroupMidStreamIsAccepted() {
        byte[] trailer = Frames.frame(0x80, ascii("k:v\r\n"));
        byte[] text = concat(TEXT, ascii(Base64.getEncoder().encodeToString(trailer)));
        for (int cut = 0; cut <= text.length; cut++) {
            assertArrayEquals(concat(FRAME, trailer), decode(split(text, cut)), "cut at " + cut);
        }
    }

    @Test
    void noMoreThanThreeCharactersAreHeldBackBetweenChunks() {
        Base64RequestDecoder decoder = new Base64RequestDecoder();
        assertEquals(0, decoder.onBody(ByteBuffer.wrap(ascii("AAA")), false).remaining());
        assertEquals(6, decoder.onBody(ByteBuffer.wrap(ascii("AAAAAA")), false).remaining());
        assertEquals(3, decoder.onBody(ByteBuffer.wrap(ascii("AAA")), true).remaining());
    }

    @Test
    void anEmptyBodyDecodesToNothing() {
        assertArrayEquals(new byte[0], decode(new byte[0]));
    }

    @Test
    void aBodyWhoseLengthIsNotAMultipleOfFourIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> decode(ascii("AAAAAA")));
        assertEquals("Bad gRPC-web request, invalid base64 data.", refused.getMessage());
    }

    @Test
    void charactersOutsideTheBase64AlphabetAreRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> decode(ascii("****")));
        assertEquals("Bad gRPC-web request, invalid base64 data.", refused.getMessage());
    }

    @Test
    void paddingInsideAGroupIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> decode(ascii("A=AA")));
    }

    @Test
    void anInvalidGroupIsRefusedAsSoonAsItIsComplete() {
        Base64RequestDecoder decoder = new Base64RequestDecoder();
        assertThrows(IllegalArgumentException.class, () -> decoder.onBody(ByteBuffer.wrap(ascii("AAAA**!*")), false));
    }
}
