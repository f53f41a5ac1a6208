package io.legate.upstream;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Envoy's {@code MAGLEV}: a lookup table of {@value #TABLE_SIZE} slots (a prime, Envoy's default) filled from each
 * endpoint's own permutation, so every endpoint owns an even share of the keys and a change of endpoints moves few
 * of them. A key whose endpoint is not usable goes to the next usable slot's.
 */
final class Maglev implements Balancer {

    private static final int TABLE_SIZE = 65537;

    private final Endpoint[] endpoints;
    private final int[] table;

    Maglev(Endpoint[] endpoints) {
        this.endpoints = endpoints;
        this.table = endpoints.length == 0 ? new int[0] : fill(endpoints);
    }

    private static int[] fill(Endpoint[] endpoints) {
        int n = endpoints.length;
        long[] offset = new long[n];
        long[] skip = new long[n];
        long[] next = new long[n];
        for (int i = 0; i < n; i++) {
            String name = endpoints[i].toString();
            offset[i] = Long.remainderUnsigned(KeyHash.of(name), TABLE_SIZE);
            skip[i] = Long.remainderUnsigned(KeyHash.of(name + "#skip"), TABLE_SIZE - 1) + 1;
        }
        int[] table = new int[TABLE_SIZE];
        Arrays.fill(table, -1);
        int filled = 0;
        while (true) {
            for (int i = 0; i < n; i++) {
                long slot = (offset[i] + next[i] * skip[i]) % TABLE_SIZE;
                while (table[(int) slot] >= 0) {
                    next[i]++;
                    slot = (offset[i] + next[i] * skip[i]) % TABLE_SIZE;
                }
                table[(int) slot] = i;
                next[i]++;
                if (++filled == TABLE_SIZE) {
                    return table;
                }
            }
        }
    }

    @Override
    public Endpoint pick(String key, Predicate<Endpoint> usable) {
        if (table.length == 0) {
            return null;
        }
        int start = key == null ? ThreadLocalRandom.current().nextInt(TABLE_SIZE)
                : (int) Long.remainderUnsigned(KeyHash.of(key), TABLE_SIZE);
        // Endpoints own interleaved slots: a few steps find every one of them.
        int steps = Math.min(TABLE_SIZE, endpoints.length * 64);
        for (int i = 0; i < steps; i++) {
            Endpoint endpoint = endpoints[table[(start + i) % TABLE_SIZE]];
            if (usable.test(endpoint)) {
                return endpoint;
            }
        }
        for (Endpoint endpoint : endpoints) {
            if (usable.test(endpoint)) {
                return endpoint;
            }
        }
        return null;
    }
}
