package io.legate.proxy;

import io.legate.metrics.UpstreamFailure;
import java.io.IOException;

/** The gateway did not send the call upstream: no endpoint to send it to, or a circuit breaker refused it. */
final class UpstreamRefused extends IOException {

    private final UpstreamFailure reason;

    UpstreamRefused(UpstreamFailure reason, String message) {
        super(message);
        this.reason = reason;
    }

    UpstreamFailure reason() {
        return reason;
    }
}
