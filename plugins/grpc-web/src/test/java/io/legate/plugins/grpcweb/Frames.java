package io.legate.plugins.grpcweb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** gRPC frames and byte juggling for the tests. */
final class Frames {

    private Frames() {
    }

    /** A data frame: flag 0, 4-byte big-endian length, {@code message}. */
    static byte[] data(String message) {
        return frame(0, message.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] frame(int flag, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(5 + payload.length);
        frame.put((byte) flag).putInt(payload.length).put(payload);
        return frame.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** {@code whole} cut at {@code cuts} (ascending offsets), as chunks. */
    static byte[][] split(byte[] whole, int... cuts) {
        byte[][] chunks = new byte[cuts.length + 1][];
        int from = 0;
        for (int i = 0; i < cuts.length; i++) {
            chunks[i] = Arrays.copyOfRange(whole, from, cuts[i]);
            from = cuts[i];
        }
        chunks[cuts.length] = Arrays.copyOfRange(whole, from, whole.length);
        return chunks;
    }
}
