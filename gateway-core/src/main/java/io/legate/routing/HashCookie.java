package io.legate.routing;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The cookie a hashing balancer takes a call's key from: Envoy's route hash policy {@code cookie}. A call without it
 * gets one made, when a {@code ttl} is given, that routes it and is set on its reply, so that the caller's next calls
 * stick to the same endpoint.
 *
 * @param ttlMs how long a made cookie lasts; 0 for a session cookie, -1 for none made
 * @param path  the {@code Path} of a made cookie, or null for none
 */
public record HashCookie(String name, long ttlMs, String path) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Whether a call without the cookie gets one. */
    public boolean made() {
        return ttlMs >= 0;
    }

    /**
     * A new cookie value: random, so that no caller can guess another's, nor learn from it where it is routed.
     */
    public static String newValue() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The {@code Set-Cookie} value for a made cookie, as Envoy writes it (Max-Age in whole seconds). */
    public String setCookie(String value) {
        StringBuilder cookie = new StringBuilder(name).append('=').append(value);
        if (ttlMs >= 1000) {
            cookie.append("; Max-Age=").append(ttlMs / 1000);
        }
        if (path != null) {
            cookie.append("; Path=").append(path);
        }
        return cookie.append("; HttpOnly").toString();
    }
}
