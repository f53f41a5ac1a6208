package io.legate.proxy;

import io.legate.metrics.RequestMeter;
import io.legate.metrics.UpstreamFailure;
import io.legate.routing.HashCookie;
import io.legate.routing.LoadBalancer;
import io.legate.routing.RetryPolicy;
import io.legate.routing.RouteMatch;
import io.legate.upstream.Cluster;
import io.legate.upstream.Endpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * The upstream side of one call: the endpoint each try goes to, and, under a {@code retry_policy}, the tries after
 * the first. The call hears one exchange, as from a single upstream: the answer it commits to, or the last failure.
 * A try is repeated only while no byte of its answer went on to the caller, the call's deadline leaves time, and the
 * caller's body is still whole ({@link RetainedBody}); it goes to another endpoint when there is one.
 */
final class UpstreamTries implements UpstreamCall {

    private static final long BACKOFF_BASE_MS = 25;
    private static final long BACKOFF_MAX_MS = 250;

    private final Forwarder forwarder;
    private final Request caller;
    private final CallExchange exchange;
    private final RouteMatch match;
    private final Cluster cluster;
    private final RequestMeter meter;
    private final UpstreamListener listener;
    private final long timeoutMs;
    private final long startedNanos;
    private final RetryPolicy policy;
    private final CallerBody body;
    private final RetainedBody retained;
    /** The endpoints tried so far; none until a retry, so that a call tried once allocates no list. */
    private List<Endpoint> tried = List.of();
    private Try current;
    private UpstreamCall upstream;
    private int retries;
    private boolean committed;
    private boolean finished;
    private Throwable aborted;
    /** The hash cookie made for a call that came without one, set on its reply; null for none. */
    private String madeCookie;

    private UpstreamTries(Forwarder forwarder, Request caller, CallerBodySource callerBody, CallExchange exchange,
                          RouteMatch match, Cluster cluster, RequestMeter meter, long timeoutMs,
                          UpstreamListener listener) {
        this.forwarder = forwarder;
        this.caller = caller;
        this.exchange = exchange;
        this.match = match;
        this.cluster = cluster;
        this.meter = meter;
        this.listener = listener;
        this.timeoutMs = timeoutMs;
        this.startedNanos = System.nanoTime();
        this.policy = match.route().action().policy().retry();
        CallerBody whole = CallerBody.of(caller, callerBody, exchange);
        this.retained = whole != null && policy.retries() ? new RetainedBody(whole.source()) : null;
        this.body = whole;
    }

    /**
     * Sends the call to an endpoint of {@code cluster}, once its endpoints are known; {@code listener} hears it.
     *
     * @param callerBody the caller's body, read from there
     */
    static UpstreamCall start(Forwarder forwarder, Request caller, CallerBodySource callerBody, CallExchange exchange,
                              RouteMatch match, Cluster cluster, RequestMeter meter, long timeoutMs,
                              UpstreamListener listener) {
        UpstreamTries tries = new UpstreamTries(forwarder, caller, callerBody, exchange, match, cluster, meter,
                timeoutMs, listener);
        String refused = cluster.admit();
        if (refused != null) {
            tries.finished = true;
            listener.onFailure(new UpstreamRefused(UpstreamFailure.OVERFLOW, refused + " for upstream "
                    + cluster.upstream().origin()));
        } else if (cluster.ready()) {
            tries.send();
        } else {
            cluster.whenReady(tries::send);
        }
        return tries;
    }

    private void send() {
        Endpoint endpoint;
        synchronized (this) {
            endpoint = cluster.pick(hashKey(), tried);
        }
        Try next;
        synchronized (this) {
            if (finished) {
                return;
            }
            if (aborted != null || endpoint == null) {
                next = null;
            } else {
                next = new Try(endpoint, retries > 0);
                current = next;
            }
        }
        if (next == null) {
            finish(aborted != null ? aborted : new UpstreamRefused(UpstreamFailure.NO_ENDPOINT,
                    cluster.noEndpoints()));
            return;
        }
        endpoint.started();
        meter.endpoint(endpoint.address());
        CallerBody sent = retained == null ? body : body.from(retained.nextTry());
        UpstreamCall call = UpstreamRequests.send(forwarder.clients(), caller, exchange, match, cluster,
                endpoint.address(), sent, tryTimeoutMs(), meter, next);
        Throwable abortedMeanwhile;
        synchronized (this) {
            upstream = call;
            abortedMeanwhile = current == next ? aborted : null;
        }
        if (abortedMeanwhile != null) {
            call.abort(abortedMeanwhile);
        }
    }

    private long tryTimeoutMs() {
        long perTry = policy.perTryTimeoutMs();
        if (timeoutMs == 0) {
            return perTry;
        }
        long left = Math.max(1, timeoutMs - elapsedMs());
        return perTry > 0 ? Math.min(perTry, left) : left;
    }

    private long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /**
     * The call's key for the hashing balancers: the header, cookie or caller address its policy names. A cookie the
     * call lacks is made when the policy gives it a {@code ttl}; a retry keeps it.
     */
    private String hashKey() {
        LoadBalancer balancer = cluster.loadBalancer();
        if (!balancer.hashing()) {
            return null;
        }
        if (balancer.header() != null) {
            return caller.getHeaders().get(balancer.header());
        }
        if (balancer.cookie() != null) {
            for (HttpCookie cookie : Request.getCookies(caller)) {
                if (cookie.getName().equals(balancer.cookie().name())) {
                    return cookie.getValue();
                }
            }
            if (balancer.cookie().made() && madeCookie == null) {
                madeCookie = HashCookie.newValue();
            }
            return madeCookie;
        }
        return balancer.sourceIp() ? Request.getRemoteAddr(caller) : null;
    }

    @Override
    public void abort(Throwable cause) {
        UpstreamCall call;
        synchronized (this) {
            if (finished || aborted != null) {
                return;
            }
            aborted = cause;
            call = current != null ? upstream : null;
        }
        if (call != null) {
            call.abort(cause);
        } else {
            // Between tries (waiting for endpoints, or backing off): nothing upstream to abort.
            finish(cause);
        }
    }

    /** Tells the call's end, once: the failure that ends it, the breaker's hold released. */
    private void finish(Throwable failure) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        cluster.ended();
        listener.onFailure(failure);
    }

    /**
     * Tries again after {@code failure} or a refused answer when the policy and what is left allow it.
     *
     * @param waitMs how long the upstream asked to wait ({@code grpc-retry-pushback-ms}), or -1
     */
    private boolean retry(Try failed, long waitMs) {
        long delayMs = waitMs >= 0 ? waitMs : backoffMs();
        synchronized (this) {
            if (failed != current || committed || aborted != null || finished || retries >= policy.numRetries()
                    || retained != null && !retained.replayable()
                    || timeoutMs > 0 && elapsedMs() + delayMs >= timeoutMs) {
                return false;
            }
            if (cluster.admitRetry() != null) {
                return false;
            }
            retries++;
            if (tried.isEmpty()) {
                tried = new ArrayList<>(policy.numRetries());
            }
            tried.add(failed.endpoint);
            current = null;
        }
        if (delayMs == 0) {
            send();
        } else {
            caller.getComponents().getScheduler().schedule(this::send, delayMs, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** Envoy's back-off: a random wait under 25 ms doubled with each retry, at most 250 ms; none to another endpoint. */
    private long backoffMs() {
        if (cluster.endpoints().size() > tried.size() + 1) {
            return 0;
        }
        long ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS << Math.min(retries, 4));
        return ThreadLocalRandom.current().nextLong(ceiling);
    }

    private boolean pastDeadline() {
        return timeoutMs > 0 && elapsedMs() >= timeoutMs;
    }

    /** One try, on one endpoint: its events reach the call while it is the latest try. */
    private final class Try implements UpstreamListener {
        private final Endpoint endpoint;
        private final boolean isRetry;

        Try(Endpoint endpoint, boolean isRetry) {
            this.endpoint = endpoint;
            this.isRetry = isRetry;
        }

        @Override
        public void onHeaders(int status, HttpFields headers) {
            endpoint.answered();
            if (policy.retries() && !isCommitted() && RetryRules.answer(policy, status, headers)) {
                long pushback = RetryRules.pushbackMs(headers);
                UpstreamCall call = upstreamOf(this);
                if (pushback != Long.MAX_VALUE && call != null && retry(this, pushback)) {
                    call.abort(new IOException("answered " + status + ", tried again"));
                    return;
                }
            }
            String made;
            synchronized (UpstreamTries.this) {
                committed = true;
                made = madeCookie;
            }
            listener.onHeaders(status, made == null ? headers : HttpFields.build(headers)
                    .add(HttpHeader.SET_COOKIE, cluster.loadBalancer().cookie().setCookie(made)));
        }

        @Override
        public void onData(ByteBuffer bytes, Callback done) {
            listener.onData(bytes, done);
        }

        @Override
        public void onEnd(HttpFields trailers) {
            if (ended()) {
                return;
            }
            synchronized (UpstreamTries.this) {
                finished = true;
            }
            cluster.ended();
            listener.onEnd(trailers);
        }

        @Override
        public void onFailure(Throwable failure) {
            if (ended()) {
                return;
            }
            // A try this side aborted (the caller went away, or its request could not be sent or read) says nothing
            // of the endpoint: counted against it, callers that cancel would take healthy endpoints out of rotation.
            if (!isCommitted() && !isAborted() && !callersSide(failure)) {
                UpstreamFailure reason = UpstreamFailures.reason(failure, pastDeadline());
                endpoint.failed(reason == UpstreamFailure.UNREACHABLE || reason == UpstreamFailure.RESET);
                if (policy.retries() && RetryRules.failure(policy, reason, failure) && retry(this, -1)) {
                    return;
                }
            }
            finish(failure);
        }

        /**
         * Ends the try on its endpoint; true when what it says is not heard: a later try took its place, or the call
         * was already told its end.
         */
        private boolean ended() {
            endpoint.ended();
            if (isRetry) {
                cluster.retryEnded();
            }
            synchronized (UpstreamTries.this) {
                return this != current || finished;
            }
        }
    }

    /** Whether {@code failure} came from the caller's body: it failed, or the call had ended before it was read. */
    private static boolean callersSide(Throwable failure) {
        return UpstreamFailures.cause(failure,
                t -> t instanceof CallerBodyFailure || t instanceof CallerBodySource.CallEnded) != null;
    }

    private synchronized boolean isCommitted() {
        return committed;
    }

    private synchronized boolean isAborted() {
        return aborted != null;
    }

    private synchronized UpstreamCall upstreamOf(Try attempt) {
        return attempt == current ? upstream : null;
    }
}
