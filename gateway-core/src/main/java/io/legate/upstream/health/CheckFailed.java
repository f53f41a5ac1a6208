package io.legate.upstream.health;

/** An endpoint answered its health check, and the answer says it is not healthy. */
final class CheckFailed extends Exception {

    CheckFailed(String message) {
        // The message says it all: where it was made tells nothing.
        super(message, null, false, false);
    }
}
