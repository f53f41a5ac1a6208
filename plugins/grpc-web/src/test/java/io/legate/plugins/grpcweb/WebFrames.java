package io.legate.plugins.grpcweb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads gRPC-Web response bodies as a client does, for the integration tests. */
final class WebFrames {

    private WebFrames() {
    }

    /** The whole frames of a binary body, each with its flag and length; fails on a cut frame. */
    static List<byte[]> frames(byte[] body) {
        List<byte[]> frames = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(body);
        while (buffer.hasRemaining()) {
            buffer.mark();
            buffer.get();
            byte[] frame = new byte[5 + buffer.getInt()];
            buffer.reset();
            buffer.get(frame);
            frames.add(frame);
        }
        return frames;
    }

    /**
     * A text body decoded as grpc-web's client does, chunk by chunk: a padded group ends one base64 run.
     */
    static byte[] decodeText(byte[] text) {
        String body = new String(text, StandardCharsets.US_ASCII);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        int start = 0;
        for (int end = 4; end <= body.length(); end += 4) {
            if (body.charAt(end - 1) == '=' || end == body.length()) {
                decoded.writeBytes(Base64.getDecoder().decode(body.substring(start, end)));
                start = end;
            }
        }
        if (start != body.length()) {
            throw new AssertionError("text body is not whole base64 groups: " + body);
        }
        return decoded.toByteArray();
    }

    static String trailerBlock(byte[] frame) {
        if ((frame[0] & 0xFF) != TrailerFrame.FLAG) {
            throw new AssertionError("not a trailer frame: flag " + frame[0]);
        }
        return new String(frame, 5, frame.length - 5, StandardCharsets.ISO_8859_1);
    }

    static byte[] message(byte[] frame) {
        return java.util.Arrays.copyOfRange(frame, 5, frame.length);
    }
}
