package io.legate.proxy;

/**
 * A header list that the connection it was for could not take: it fails its own call, with {@link #reply()}, before
 * Jetty's HPACK encoder would fail the whole connection on it.
 */
final class HeadersTooLarge extends RuntimeException {

    private final GrpcStatus status;

    HeadersTooLarge(GrpcStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    GatewayReply reply() {
        return new GatewayReply(status, getMessage());
    }
}
