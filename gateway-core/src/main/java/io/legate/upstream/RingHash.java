package io.legate.upstream;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Envoy's {@code RING_HASH} (Ketama): each endpoint at {@value #POINTS_PER_ENDPOINT} points of a ring of hashes; a
 * key goes to the first endpoint at or after its hash, or the next usable one after it. The points of an endpoint
 * do not depend on the others, so an endpoint leaving moves only its own keys.
 */
final class RingHash implements Balancer {

    private static final int POINTS_PER_ENDPOINT = 256;

    private final Endpoint[] endpoints;
    private final long[] hashes;
    private final int[] owners;

    RingHash(Endpoint[] endpoints) {
        this.endpoints = endpoints;
        int perEndpoint = POINTS_PER_ENDPOINT;
        long[][] points = new long[endpoints.length * perEndpoint][];
        int n = 0;
        for (int e = 0; e < endpoints.length; e++) {
            for (int i = 0; i < perEndpoint; i++) {
                points[n++] = new long[] {KeyHash.of(endpoints[e] + "_" + i), e};
            }
        }
        Arrays.sort(points, (a, b) -> Long.compare(a[0], b[0]));
        this.hashes = new long[points.length];
        this.owners = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            hashes[i] = points[i][0];
            owners[i] = (int) points[i][1];
        }
    }

    @Override
    public Endpoint pick(String key, Predicate<Endpoint> usable) {
        if (hashes.length == 0) {
            return null;
        }
        int start;
        if (key == null) {
            start = ThreadLocalRandom.current().nextInt(hashes.length);
        } else {
            int found = Arrays.binarySearch(hashes, KeyHash.of(key));
            start = found >= 0 ? found : -found - 1;
        }
        for (int i = 0; i < hashes.length; i++) {
            Endpoint endpoint = endpoints[owners[(start + i) % hashes.length]];
            if (usable.test(endpoint)) {
                return endpoint;
            }
        }
        return null;
    }
}
