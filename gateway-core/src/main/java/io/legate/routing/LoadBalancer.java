package io.legate.routing;

/**
 * How a call picks the endpoint it goes to: Emissary's {@code load_balancer}.
 *
 * @param header   for the hashing policies: the request header whose value is the key, or null
 * @param cookie   for the hashing policies: the cookie whose value is the key, and how one is made, or null
 * @param sourceIp for the hashing policies: whether the caller's address is the key
 */
public record LoadBalancer(Policy policy, String header, HashCookie cookie, boolean sourceIp) {

    public static final LoadBalancer ROUND_ROBIN = new LoadBalancer(Policy.ROUND_ROBIN, null, null, false);

    public enum Policy { ROUND_ROBIN, LEAST_REQUEST, RING_HASH, MAGLEV }

    /** Whether calls with the same key go to the same endpoint. */
    public boolean hashing() {
        return policy == Policy.RING_HASH || policy == Policy.MAGLEV;
    }
}
