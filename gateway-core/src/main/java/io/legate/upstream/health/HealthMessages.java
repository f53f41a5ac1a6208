package io.legate.upstream.health;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The two messages of {@code grpc.health.v1.Health/Check} in protobuf's wire format, each inside gRPC's 5-byte
 * message prefix (an uncompressed flag, then the length as 4 bytes big-endian):
 * <pre>
 * message HealthCheckRequest  { string service = 1; }
 * message HealthCheckResponse { ServingStatus status = 1; }   // UNKNOWN 0, SERVING 1, NOT_SERVING 2, SERVICE_UNKNOWN 3
 * </pre>
 * One field each is all a health check needs, so the gateway encodes them itself rather than carry protobuf's
 * runtime. Fields other than {@code status} in a response are skipped, as protobuf does.
 */
final class HealthMessages {

    static final int SERVING = 1;

    private static final int PREFIX_BYTES = 5;
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private HealthMessages() {
    }

    /** A framed {@code HealthCheckRequest} asking about {@code service} ("" for the server as a whole). */
    static ByteBuffer request(String service) {
        byte[] name = service.getBytes(StandardCharsets.UTF_8);
        // proto3 leaves a field at its default value out: the empty name is the empty message.
        int fieldBytes = name.length == 0 ? 0 : 1 + varintSize(name.length) + name.length;
        ByteBuffer frame = ByteBuffer.allocate(PREFIX_BYTES + fieldBytes);
        frame.put((byte) 0).putInt(fieldBytes);
        if (name.length > 0) {
            frame.put((byte) (1 << 3 | LENGTH_DELIMITED));
            putVarint(frame, name.length);
            frame.put(name);
        }
        return frame.flip();
    }

    /**
     * The {@code status} of a framed {@code HealthCheckResponse}: the whole of what the upstream sent as the reply's
     * body, which must be exactly one uncompressed message.
     *
     * @throws IllegalArgumentException when it is not such a message
     */
    static int status(ByteBuffer body) {
        if (body.remaining() < PREFIX_BYTES) {
            throw new IllegalArgumentException("a reply of " + body.remaining() + " bytes, not one gRPC message");
        }
        if (body.get() != 0) {
            throw new IllegalArgumentException("a compressed reply, though none was asked for");
        }
        int length = body.getInt();
        if (length != body.remaining()) {
            throw new IllegalArgumentException("a message of " + length + " bytes in a reply of "
                    + (body.remaining() + PREFIX_BYTES));
        }
        int status = 0;
        while (body.hasRemaining()) {
            long tag = getVarint(body);
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == 1 && wireType == VARINT) {
                status = (int) getVarint(body);
            } else {
                skip(body, wireType);
            }
        }
        return status;
    }

    private static void skip(ByteBuffer body, int wireType) {
        switch (wireType) {
            case VARINT -> getVarint(body);
            case FIXED64 -> advance(body, 8);
            case LENGTH_DELIMITED -> advance(body, getVarint(body));
            case FIXED32 -> advance(body, 4);
            default -> throw new IllegalArgumentException("wire type " + wireType + " in a HealthCheckResponse");
        }
    }

    private static void advance(ByteBuffer body, long bytes) {
        if (bytes > body.remaining()) {
            throw new IllegalArgumentException("a field runs past the end of the message");
        }
        body.position(body.position() + (int) bytes);
    }

    private static long getVarint(ByteBuffer body) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!body.hasRemaining()) {
                throw new IllegalArgumentException("a varint runs past the end of the message");
            }
            byte b = body.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a varint longer than 10 bytes");
    }

    private static void putVarint(ByteBuffer frame, int value) {
        while ((value & ~0x7f) != 0) {
            frame.put((byte) (value & 0x7f | 0x80));
            value >>>= 7;
        }
        frame.put((byte) value);
    }

    private static int varintSize(int value) {
        int size = 1;
        while ((value & ~0x7f) != 0) {
            size++;
            value >>>= 7;
        }
        return size;
    }
}
