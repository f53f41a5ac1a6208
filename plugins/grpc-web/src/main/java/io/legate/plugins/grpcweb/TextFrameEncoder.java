package io.legate.plugins.grpcweb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encodes a gRPC response body for {@code application/grpc-web-text}, as Envoy does: the body is cut into whole
 * frames (flag, 4-byte length, message) and each frame is base64-encoded on its own, padding included, so the
 * client can decode what it has at any frame's end. A frame split across chunks is kept (copied) until complete.
 */
final class TextFrameEncoder {

    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    private static final int HEADER = 5;

    private byte[] frame = new byte[HEADER];
    private int filled;

    /** The base64 text of the frames {@code chunk} completes, possibly none; the rest is kept for later. */
    ByteBuffer encode(ByteBuffer chunk) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (chunk.hasRemaining()) {
            int wanted = (filled < HEADER ? HEADER : frame.length) - filled;
            int taken = Math.min(wanted, chunk.remaining());
            chunk.get(frame, filled, taken);
            filled += taken;
            if (filled == HEADER && frame.length == HEADER) {
                frame = Arrays.copyOf(frame, HEADER + messageLength(frame));
            }
            if (filled == frame.length && filled >= HEADER) {
                text.writeBytes(ENCODER.encode(frame));
                frame = new byte[HEADER];
                filled = 0;
            }
        }
        return ByteBuffer.wrap(text.toByteArray());
    }

    static byte[] base64(byte[] bytes) {
        return ENCODER.encode(bytes);
    }

    private static int messageLength(byte[] header) {
        long length = ((header[1] & 0xFFL) << 24) | ((header[2] & 0xFF) << 16) | ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
        if (length > Integer.MAX_VALUE - HEADER) {
            throw new IllegalStateException("gRPC frame of " + length + " bytes is too large to encode as text");
        }
        return (int) length;
    }
}
