package io.legate.plugin;

import java.time.Duration;

/**
 * The filters after the current one, and then the upstream. Each filter ends its part in exactly one way:
 * {@link #proceed()}, {@link Exchange#reply}/{@link Exchange#reject}, or {@link #suspend} now and one of the two
 * later.
 */
public interface Chain {

    /**
     * Passes the request to the next filter. Call it at most once, and not after {@link Exchange#reply} or
     * {@link Exchange#reject}; after {@link #suspend}, it may be called from any thread.
     */
    void proceed();

    /**
     * Lets the filter finish after it returned: it then calls {@link #proceed()}, {@link Exchange#reply} or
     * {@link Exchange#reject} once, from any thread, within {@code maxWait}. The gateway holds no thread meanwhile.
     * A filter that has not resumed by then is a broken contract: the caller gets an error naming the plugin, and a
     * late {@code proceed} or reply is ignored (and logged). A caller that goes away meanwhile ends the request; the
     * filter's later call is then ignored.
     *
     * @throws IllegalArgumentException when {@code maxWait} is not positive
     */
    void suspend(Duration maxWait);
}
