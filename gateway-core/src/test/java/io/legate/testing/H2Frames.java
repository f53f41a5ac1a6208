package io.legate.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/2 frames built and read by hand, byte by byte, for peers that break the rules on purpose: header blocks
 * without end, resets in bulk, oversized fields. Header blocks are HPACK literals without indexing and without
 * Huffman coding, so that their size on the wire is what the test says.
 */
public final class H2Frames {

    public static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    public static final int DATA = 0;
    public static final int HEADERS = 1;
    public static final int PRIORITY = 2;
    public static final int RST_STREAM = 3;
    public static final int SETTINGS = 4;
    public static final int PING = 6;
    public static final int GOAWAY = 7;
    public static final int WINDOW_UPDATE = 8;
    public static final int CONTINUATION = 9;
    public static final int END_STREAM = 0x1;
    public static final int ACK = 0x1;
    public static final int END_HEADERS = 0x4;

    /** A frame as read: its type, flags, stream and payload. */
    public record Frame(int type, int flags, int stream, byte[] payload) {
        /** The error code of a RST_STREAM or GOAWAY frame. */
        public int errorCode() {
            int at = type == GOAWAY ? 4 : 0;
            return ((payload[at] & 0xFF) << 24) | ((payload[at + 1] & 0xFF) << 16) | ((payload[at + 2] & 0xFF) << 8)
                    | (payload[at + 3] & 0xFF);
        }
    }

    private H2Frames() {
    }

    public static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] frame = new byte[9 + payload.length];
        frame[0] = (byte) (payload.length >>> 16);
        frame[1] = (byte) (payload.length >>> 8);
        frame[2] = (byte) payload.length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        frame[5] = (byte) (stream >>> 24);
        frame[6] = (byte) (stream >>> 16);
        frame[7] = (byte) (stream >>> 8);
        frame[8] = (byte) stream;
        System.arraycopy(payload, 0, frame, 9, payload.length);
        return frame;
    }

    public static byte[] settings() {
        return frame(SETTINGS, 0, 0, new byte[0]);
    }

    public static byte[] settingsAck() {
        return frame(SETTINGS, ACK, 0, new byte[0]);
    }

    public static byte[] rstStream(int stream, int errorCode) {
        return frame(RST_STREAM, 0, stream, int32(errorCode));
    }

    public static byte[] windowUpdate(int stream, int increment) {
        return frame(WINDOW_UPDATE, 0, stream, int32(increment));
    }

    /** A header block of {@code nameValues} (name, value, name, value...), as HPACK literals. */
    public static byte[] block(String... nameValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.write(0);
            string(out, nameValues[i]);
            string(out, nameValues[i + 1]);
        }
        return out.toByteArray();
    }

    /** The gRPC request headers of a POST to {@code path}. */
    public static byte[] grpcRequest(String path, String... moreNameValues) {
        String[] fields = {":method", "POST", ":scheme", "http", ":authority", "gateway", ":path", path,
                "content-type", "application/grpc", "te", "trailers"};
        String[] all = new String[fields.length + moreNameValues.length];
        System.arraycopy(fields, 0, all, 0, fields.length);
        System.arraycopy(moreNameValues, 0, all, fields.length, moreNameValues.length);
        return block(all);
    }

    /** A gRPC message frame of {@code bytes}. */
    public static byte[] grpcMessage(byte[] bytes) {
        byte[] framed = new byte[5 + bytes.length];
        System.arraycopy(int32(bytes.length), 0, framed, 1, 4);
        System.arraycopy(bytes, 0, framed, 5, bytes.length);
        return framed;
    }

    public static Frame read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[9];
        data.readFully(header);
        int length = ((header[0] & 0xFF) << 16) | ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
        int stream = ((header[5] & 0x7F) << 24) | ((header[6] & 0xFF) << 16) | ((header[7] & 0xFF) << 8) | (header[8] & 0xFF);
        byte[] payload = new byte[length];
        data.readFully(payload);
        return new Frame(header[3] & 0xFF, header[4] & 0xFF, stream, payload);
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        integer(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    /** HPACK's integer with a 7-bit prefix (RFC 7541 §5.1), Huffman flag off. */
    private static void integer(ByteArrayOutputStream out, int value) {
        if (value < 127) {
            out.write(value);
            return;
        }
        out.write(127);
        int rest = value - 127;
        while (rest >= 128) {
            out.write((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }

    private static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
