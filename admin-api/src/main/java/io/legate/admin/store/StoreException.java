package io.legate.admin.store;

import io.legate.resource.model.Problem;
import java.util.List;

/** A write refused because of what is stored, not because of what was sent. Nothing was changed. */
public final class StoreException extends Exception {

    public enum Reason {
        /** No resource of that kind and name. */
        NOT_FOUND,
        /** A create of a name that is taken. */
        EXISTS,
        /** {@code If-Match} named a version that is not the stored one any more. */
        STALE,
        /** The change would leave a reference dangling, such as a TLSContext naming a missing Secret. */
        DANGLING_REFERENCE,
        /** The store cannot be reached (etcd down): nothing was written, and nothing will be. */
        UNAVAILABLE,
        /** The change is larger than the store takes in one write (etcd's limits on a transaction). */
        TOO_LARGE
    }

    private final Reason reason;
    private final String resource;
    private final List<Problem> problems;

    public StoreException(Reason reason, String resource, String message) {
        this(reason, resource, message, List.of());
    }

    public StoreException(Reason reason, String resource, String message, List<Problem> problems) {
        super(message);
        this.reason = reason;
        this.resource = resource;
        this.problems = List.copyOf(problems);
    }

    /** {@code If-Match} does not admit what is stored now: {@code currentVersion}, null when nothing is. */
    public static StoreException stale(String label, String currentVersion, IfMatch ifMatch) {
        return new StoreException(Reason.STALE, label, currentVersion == null
                ? label + " does not exist, so If-Match cannot hold"
                : label + " is at resourceVersion " + currentVersion + ", not " + String.join(" or ", ifMatch.versions()));
    }

    /** What makes the change invalid, field by field, for {@link Reason#DANGLING_REFERENCE}. */
    public List<Problem> problems() {
        return problems;
    }

    public Reason reason() {
        return reason;
    }

    /** {@code Kind/name} of the resource concerned. */
    public String resource() {
        return resource;
    }
}
