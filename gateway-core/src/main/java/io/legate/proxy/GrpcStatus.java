package io.legate.proxy;

/** The gRPC status codes the gateway answers with itself. */
enum GrpcStatus {
    CANCELLED(1, 499),
    UNKNOWN(2, 500),
    DEADLINE_EXCEEDED(4, 504),
    PERMISSION_DENIED(7, 403),
    RESOURCE_EXHAUSTED(8, 429),
    UNIMPLEMENTED(12, 404),
    INTERNAL(13, 500),
    UNAVAILABLE(14, 503),
    UNAUTHENTICATED(16, 401);

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

    /** The status a gRPC client would make of this HTTP status (grpc's doc/http-grpc-status-mapping.md). */
    static GrpcStatus forHttp(int httpStatus) {
        return switch (httpStatus) {
            case 400, 431 -> INTERNAL;
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> UNIMPLEMENTED;
            case 429, 502, 503, 504 -> UNAVAILABLE;
            default -> UNKNOWN;
        };
    }
}
