package io.legate.admin.store;

import java.time.Instant;

/**
 * Whether a store answers, and which of its states this gateway serves.
 *
 * @param type      {@code file} or {@code etcd}
 * @param downSince when it stopped answering (or, when it never answered, when the gateway started); null while up
 * @param revision  the revision served, 0 for a store without revisions or one never read
 */
public record StoreStatus(String type, Instant downSince, long revision) {

    public boolean up() {
        return downSince == null;
    }

    /** For {@code /readyz}: {@code up, revision 42} or {@code unavailable since <time>, revision 42}. */
    public String describe() {
        String state = up() ? "up" : "unavailable since " + downSince;
        return revision > 0 ? state + ", revision " + revision : state;
    }
}
