package io.legate.upstream;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash of a string for the hashing balancers: FNV-1a over its UTF-8 bytes, then MurmurHash3's final mix,
 * so that keys differing in one character land far apart on the ring. Stable across runs and gateways: every
 * gateway of a fleet sends one key to the same endpoint.
 */
final class KeyHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private KeyHash() {
    }

    static long of(String text) {
        long hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return mix(hash);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
