package io.legate.plugins.authservice;

import java.util.concurrent.CompletionStage;

/** Asks the authorization service about requests, without holding a thread while it decides. */
interface AuthClient extends AutoCloseable {

    /** The decision; completed exceptionally when the service could not be asked or did not answer in time. */
    CompletionStage<Verdict> check(AuthRequest request);

    /** Releases the connections and threads, without blocking the caller. */
    @Override
    void close();
}
