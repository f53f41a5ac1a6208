package io.legate.metrics;

/** Told of every call once its reply ended, with all the meter saw of it (the access log). */
@FunctionalInterface
public interface CallLog {

    CallLog NONE = call -> { };

    /** Runs on the thread that ended the call: it must not block. */
    void ended(RequestMeter call);
}
