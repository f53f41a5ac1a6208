package io.legate.proxy;

import java.util.concurrent.TimeUnit;

/** The {@code grpc-timeout} header: at most 8 ASCII digits and a unit (PROTOCOL-HTTP2.md). */
final class GrpcTimeout {

    static final long ABSENT = -1;

    private GrpcTimeout() {
    }

    /**
     * @return the timeout in milliseconds (a sub-millisecond timeout rounds up to 1), {@link #ABSENT} when the
     *     header is absent
     * @throws IllegalArgumentException when the value is malformed
     */
    static long toMillis(String header) {
        if (header == null) {
            return ABSENT;
        }
        int digits = header.length() - 1;
        if (digits < 1 || digits > 8) {
            throw new IllegalArgumentException("malformed grpc-timeout: \"" + header + "\"");
        }
        long amount = 0;
        for (int i = 0; i < digits; i++) {
            char c = header.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("malformed grpc-timeout: \"" + header + "\"");
            }
            amount = amount * 10 + (c - '0');
        }
        long nanos = unit(header.charAt(digits), header).toNanos(amount);
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    private static TimeUnit unit(char unit, String header) {
        return switch (unit) {
            case 'H' -> TimeUnit.HOURS;
            case 'M' -> TimeUnit.MINUTES;
            case 'S' -> TimeUnit.SECONDS;
            case 'm' -> TimeUnit.MILLISECONDS;
            case 'u' -> TimeUnit.MICROSECONDS;
            case 'n' -> TimeUnit.NANOSECONDS;
            default -> throw new IllegalArgumentException("malformed grpc-timeout: \"" + header + "\"");
        };
    }

    /** The timeout to enforce: the shorter of the route's and the caller's; 0 when neither sets one. */
    static long effectiveMillis(long routeTimeoutMs, long grpcTimeoutMs) {
        if (grpcTimeoutMs <= 0) {
            return routeTimeoutMs;
        }
        return routeTimeoutMs > 0 ? Math.min(routeTimeoutMs, grpcTimeoutMs) : grpcTimeoutMs;
    }
}
