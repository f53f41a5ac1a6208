package io.legate.plugin;

/** The filters after the current one, and then the upstream. */
@FunctionalInterface
public interface Chain {

    /** Passes the request to the next filter; call it at most once, and not after {@link Exchange#reply}. */
    void proceed();
}
