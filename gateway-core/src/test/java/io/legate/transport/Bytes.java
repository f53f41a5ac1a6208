package io.legate.transport;

import java.io.IOException;
import java.io.InputStream;

/** A byte sequence that tells where each byte belongs, so a reader can check order and completeness. */
final class Bytes {

    private Bytes() {
    }

    /** {@code length} bytes of the sequence, from {@code offset} on. */
    static byte[] at(long offset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ((offset + i) % 251);
        }
        return bytes;
    }

    /** Reads the sequence's first {@code total} bytes from {@code in}, failing at the first one out of place. */
    static void readInOrder(InputStream in, long total) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long offset = 0;
        while (offset < total) {
            int read = in.read(chunk, 0, (int) Math.min(chunk.length, total - offset));
            if (read < 0) {
                throw new AssertionError("the stream ended after " + offset + " of " + total + " bytes");
            }
            byte[] expected = at(offset, read);
            for (int i = 0; i < read; i++) {
                if (chunk[i] != expected[i]) {
                    throw new AssertionError("byte " + (offset + i) + " is out of place");
                }
            }
            offset += read;
        }
    }
}
