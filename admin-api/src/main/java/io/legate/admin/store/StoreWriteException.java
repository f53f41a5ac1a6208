package io.legate.admin.store;

import java.io.IOException;

/** A write that the file system failed; the message says what the store holds now. */
public final class StoreWriteException extends IOException {

    private final String resource;

    StoreWriteException(String resource, String message, Throwable cause) {
        super(message, cause);
        this.resource = resource;
    }

    /** {@code Kind/name} of the resource whose file could not be written, or null when no one file was at fault. */
    public String resource() {
        return resource;
    }
}
