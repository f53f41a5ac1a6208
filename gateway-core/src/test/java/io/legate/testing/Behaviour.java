package io.legate.testing;

import io.grpc.Metadata;

/**
 * Request metadata that tells {@link ConformanceService} how to answer, as the interop tests' request fields do.
 */
public final class Behaviour {

    public static final Metadata.Key<String> STATUS = key("x-test-status");
    public static final Metadata.Key<String> MESSAGE = key("x-test-message");
    public static final Metadata.Key<String> RESPONSE_SIZE = key("x-test-response-size");
    public static final Metadata.Key<String> RESPONSES = key("x-test-responses");
    public static final Metadata.Key<String> INTERVAL_MS = key("x-test-interval-ms");
    public static final Metadata.Key<String> SLEEP_MS = key("x-test-sleep-ms");
    /** Server streaming: send as fast as flow control allows, instead of at {@link #INTERVAL_MS}. */
    public static final Metadata.Key<String> FLOOD = key("x-test-flood");
    public static final Metadata.Key<String> ECHO_INITIAL = key("x-grpc-test-echo-initial");
    public static final Metadata.Key<byte[]> ECHO_TRAILING_BIN =
            Metadata.Key.of("x-grpc-test-echo-trailing-bin", Metadata.BINARY_BYTE_MARSHALLER);

    private final Metadata metadata = new Metadata();

    public static Behaviour of() {
        return new Behaviour();
    }

    public Behaviour with(Metadata.Key<String> key, Object value) {
        metadata.put(key, String.valueOf(value));
        return this;
    }

    public Behaviour withBinary(Metadata.Key<byte[]> key, byte[] value) {
        metadata.put(key, value);
        return this;
    }

    public Metadata metadata() {
        return metadata;
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
