package io.legate.plugins.grpcweb;

import io.legate.plugin.RequestBodyFilter;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes a {@code application/grpc-web-text} request body as it streams, as Envoy does: whole groups of four
 * characters are decoded as they arrive and at most three are carried to the next chunk. The client may flush,
 * and so pad, at any group's end, so padding is accepted there and nowhere else; the body must end on a whole
 * group.
 */
final class Base64RequestDecoder implements RequestBodyFilter {

    static final String INVALID = "Bad gRPC-web request, invalid base64 data.";

    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final byte[] carried = new byte[3];
    private int carriedLength;

    @Override
    public ByteBuffer onBody(ByteBuffer chunk, boolean last) {
        int available = carriedLength + chunk.remaining();
        if (last && available % 4 != 0) {
            throw new IllegalArgumentException(INVALID);
        }
        byte[] input = new byte[available];
        System.arraycopy(carried, 0, input, 0, carriedLength);
        chunk.get(input, carriedLength, chunk.remaining());
        int whole = available / 4 * 4;
        carriedLength = available - whole;
        System.arraycopy(input, whole, carried, 0, carriedLength);
        return ByteBuffer.wrap(decode(input, whole));
    }

    /** Decodes whole groups; a padded group ends one run of base64, and the next group may start another. */
    private static byte[] decode(byte[] input, int length) {
        byte[] decoded = new byte[length / 4 * 3];
        int written = 0;
        int runStart = 0;
        for (int end = 4; end <= length; end += 4) {
            if (input[end - 1] == '=' || end == length) {
                ByteBuffer run;
                try {
                    run = DECODER.decode(ByteBuffer.wrap(input, runStart, end - runStart));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(INVALID, e);
                }
                int size = run.remaining();
                run.get(decoded, written, size);
                written += size;
                runStart = end;
            }
        }
        return written == decoded.length ? decoded : Arrays.copyOf(decoded, written);
    }
}
