package io.legate.plugins.grpcweb;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Base64;

import static io.legate.plugins.grpcweb.Frames.ascii;
import static io.legate.plugins.grpcweb.Frames.concat;
import static io.legate.plugins.grpcweb.Frames.split;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TextFrameEncoderTest {

    private static final byte[] FIRST = Frames.data("hello");
    private static final byte[] SECOND = Frames.data("grpc-web text, two");
    private static final byte[] EMPTY = Frames.frame(0, new byte[0]);
    /** Each frame encoded on its own: padding may end the first ("aGVsbG8=" style) before the second starts. */
    private static final byte[] EXPECTED = concat(base64(FIRST), base64(SECOND), base64(EMPTY));

    private static byte[] base64(byte[] frame) {
        return ascii(Base64.getEncoder().encodeToString(frame));
    }

    private static byte[] encode(byte[]... chunks) {
        TextFrameEncoder encoder = new TextFrameEncoder();
        byte[] text = new byte[0];
        for (byte[] chunk : chunks) {
            text = concat(text, Frames.bytes(encoder.encode(ByteBuffer.wrap(chunk))));
        }
        return text;
    }

    @Test
    void eachFrameIsEncodedSeparatelyWithItsOwnPadding() {
        assertArrayEquals(EXPECTED, encode(concat(FIRST, SECOND, EMPTY)));
        assertEquals('=', (char) base64(FIRST)[base64(FIRST).length - 1]);
    }

    @Test
    void framesSplitAtEveryOffsetEncodeToTheSameText() {
        byte[] body = concat(FIRST, SECOND, EMPTY);
        for (int cut = 0; cut <= body.length; cut++) {
            assertArrayEquals(EXPECTED, encode(split(body, cut)), "cut at " + cut);
        }
    }

    @Test
    void framesSplitAtEveryPairOfOffsetsEncodeToTheSameText() {
        byte[] body = concat(FIRST, SECOND);
        byte[] expected = concat(base64(FIRST), base64(SECOND));
        for (int first = 0; first <= body.length; first++) {
            for (int second = first; second <= body.length; second++) {
                assertArrayEquals(expected, encode(split(body, first, second)), "cuts at " + first + ", " + second);
            }
        }
    }

    @Test
    void aPartialFrameIsHeldBackUntilItCompletes() {
        TextFrameEncoder encoder = new TextFrameEncoder();
        assertEquals(0, encoder.encode(ByteBuffer.wrap(FIRST, 0, FIRST.length - 1)).remaining());
        assertArrayEquals(base64(FIRST), Frames.bytes(encoder.encode(ByteBuffer.wrap(FIRST, FIRST.length - 1, 1))));
    }

    @Test
    void theHeldBackPartIsACopyNotTheCallersBuffer() {
        TextFrameEncoder encoder = new TextFrameEncoder();
        byte[] chunk = FIRST.clone();
        encoder.encode(ByteBuffer.wrap(chunk, 0, 7));
        java.util.Arrays.fill(chunk, (byte) 'x');
        assertArrayEquals(base64(FIRST), Frames.bytes(encoder.encode(ByteBuffer.wrap(FIRST, 7, FIRST.length - 7))));
    }
}
