package io.legate.plugins.authservice;

/** A test authorization service on a loopback port that records what it is asked. */
interface AuthServer extends AutoCloseable {

    /** {@code 127.0.0.1:port}, as {@code auth_service}. */
    String address();

    /** Forgets what it was asked so far. */
    void forget();
}
