package io.legate.transport;

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
}
