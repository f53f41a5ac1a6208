package io.legate.admin.store;

/** A write refused because of what is stored, not because of what was sent. Nothing was changed. */
public final class StoreException extends Exception {

    public enum Reason {
        /** No resource of that kind and name. */
        NOT_FOUND,
        /** A create of a name that is taken. */
        EXISTS,
        /** {@code If-Match} named a version that is not the stored one any more. */
        STALE
    }

    private final Reason reason;
    private final String resource;

    StoreException(Reason reason, String resource, String message) {
        super(message);
        this.reason = reason;
        this.resource = resource;
    }

    public Reason reason() {
        return reason;
    }

    /** {@code Kind/name} of the resource concerned. */
    public String resource() {
        return resource;
    }
}
