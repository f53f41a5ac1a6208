package io.legate.proxy;

/** The gRPC status codes the gateway answers with itself. */
enum GrpcStatus {
    CANCELLED(1, 499),
    DEADLINE_EXCEEDED(4, 504),
    PERMISSION_DENIED(7, 403),
    RESOURCE_EXHAUSTED(8, 503),
    UNIMPLEMENTED(12, 404),
    INTERNAL(13, 500),
    UNAVAILABLE(14, 503);

    private final int code;
    private final int httpStatus;

    GrpcStatus(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    int code() {
        return code;
    }

    /** The HTTP status a non-gRPC caller gets for the same failure. */
    int httpStatus() {
        return httpStatus;
    }
}
